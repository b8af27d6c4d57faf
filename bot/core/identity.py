"""Pseudonyms and sealed IDs: the only forms in which a person's identity is ever stored."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.fernet import Fernet


class Identity:
    """Derives separate keys from the one secret so a leak of one use does not expose another."""

    def __init__(self, secret: bytes) -> None:
        self._hash_key = hmac.new(secret, b"stairwell/author-key/v1", hashlib.sha256).digest()
        self._seal_key = hmac.new(secret, b"stairwell/sealed-id/v1", hashlib.sha256).digest()

    @cached_property
    def _fernet(self) -> Fernet:
        # Imported on first use: the cryptography package costs ~6 MB that start-up does not need.
        from cryptography.fernet import Fernet

        return Fernet(base64.urlsafe_b64encode(self._seal_key))

    def author_key(self, platform: str, user_id: int | str) -> str:
        """Stable per person and platform, unlinkable to the ID without the secret."""
        message = f"{platform}:{user_id}".encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def seal(self, platform: str, user_id: int | str) -> bytes:
        """Encrypt an ID the bot must use again (to DM an outcome); erased on a retention limit."""
        return self._fernet.encrypt(f"{platform}:{user_id}".encode())

    def unseal(self, token: bytes) -> tuple[str, str] | None:
        """(platform, user_id), or None if the token was made with another secret."""
        from cryptography.fernet import InvalidToken

        try:
            platform, _, user_id = self._fernet.decrypt(token).decode().partition(":")
        except InvalidToken:
            return None
        return platform, user_id
