"""Pseudonyms and sealed IDs: the only forms in which a person's identity is ever stored."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


class Identity:
    """Derives separate keys from the one secret so a leak of one use does not expose another."""

    def __init__(self, secret: bytes) -> None:
        self._hash_key = hmac.new(secret, b"stairwell/author-key/v1", hashlib.sha256).digest()
        fernet_key = hmac.new(secret, b"stairwell/sealed-id/v1", hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(fernet_key))

    def author_key(self, platform: str, user_id: int | str) -> str:
        """Stable per person and platform, unlinkable to the ID without the secret."""
        message = f"{platform}:{user_id}".encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def seal(self, platform: str, user_id: int | str) -> bytes:
        """Encrypt an ID the bot must use again (to DM an outcome); erased on a retention limit."""
        return self._fernet.encrypt(f"{platform}:{user_id}".encode())

    def unseal(self, token: bytes) -> tuple[str, str] | None:
        """(platform, user_id), or None if the token was made with another secret."""
        try:
            platform, _, user_id = self._fernet.decrypt(token).decode().partition(":")
        except InvalidToken:
            return None
        return platform, user_id
