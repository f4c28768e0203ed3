"""Encryption at rest of applicants' identity numbers and identity images (issue 5 §6).

Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) under the key of
``GONGKAI_DATA_KEY``; with ``GONGKAI_DEBUG=1`` and no key, a development key is kept under
``var/`` (as the development secret key is). Each value is encrypted on its own; what is
stored is the token, never the value. Keys can be rotated: ``GONGKAI_DATA_KEY`` may list
several keys separated by commas, the first encrypts, all decrypt (``MultiFernet``).
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt", "decrypt_bytes", "encrypt", "encrypt_bytes"]


@cache
def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.GONGKAI_DATA_KEYS if k.strip()]
    if not keys:
        raise ImproperlyConfigured("GONGKAI_DATA_KEY is required to store applicants' data")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError:
        raise ImproperlyConfigured(
            "GONGKAI_DATA_KEY is not a Fernet key (32 url-safe base64-encoded bytes; make one "
            "with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())')"
        ) from None


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode() if token else ""


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return _fernet().decrypt(token)
