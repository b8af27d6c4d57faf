"""Pseudonyms and sealed IDs: the only forms in which a person's identity is ever stored."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# A sealed ID is VERSION + a random 12-byte nonce + AES-GCM ciphertext: unlike a Fernet token it holds
# no creation time, so a copy of the database does not tell when an author shared.
VERSION = b"\x01"
_NONCE = 12
_CONTEXT = b"stairwell/sealed-id"
# Fernet tokens (sealed IDs written before AES-GCM) are base64 text starting with its version byte 0x80.
_FERNET_PREFIX = b"gAAAAA"


class Identity:
    """Derives separate keys from the one secret so a leak of one use does not expose another."""

    def __init__(self, secret: bytes) -> None:
        self._hash_key = hmac.new(secret, b"stairwell/author-key/v1", hashlib.sha256).digest()
        self._seal_key = hmac.new(secret, b"stairwell/sealed-id/v1", hashlib.sha256).digest()

    @cached_property
    def _aead(self) -> AESGCM:
        # Imported on first use: the cryptography package costs ~6 MB that start-up does not need.
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(self._seal_key)

    def author_key(self, platform: str, user_id: int | str) -> str:
        """Stable per person and platform, unlinkable to the ID without the secret."""
        message = f"{platform}:{user_id}".encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def seal(self, platform: str, user_id: int | str) -> bytes:
        """Encrypt an ID the bot must use again (to DM an outcome); erased on a retention limit."""
        nonce = os.urandom(_NONCE)
        return VERSION + nonce + self._aead.encrypt(nonce, f"{platform}:{user_id}".encode(), _CONTEXT)

    def unseal(self, token: bytes) -> tuple[str, str] | None:
        """(platform, user_id), or None if the token was made with another secret."""
        from cryptography.exceptions import InvalidTag

        if not token.startswith(VERSION) or len(token) <= 1 + _NONCE:
            return None
        nonce, ciphertext = token[1 : 1 + _NONCE], token[1 + _NONCE :]
        try:
            platform, _, user_id = self._aead.decrypt(nonce, ciphertext, _CONTEXT).decode().partition(":")
        except InvalidTag:
            return None
        return platform, user_id

    def reseal_legacy(self, token: bytes) -> bytes | None:
        """A Fernet token from before AES-GCM, sealed again without its timestamp; None if unreadable."""
        from cryptography.fernet import Fernet, InvalidToken

        try:
            plain = Fernet(base64.urlsafe_b64encode(self._seal_key)).decrypt(token).decode()
        except (InvalidToken, ValueError):
            return None
        platform, _, user_id = plain.partition(":")
        return self.seal(platform, user_id)


def is_legacy(token: bytes) -> bool:
    return token.startswith(_FERNET_PREFIX)
