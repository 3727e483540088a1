# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Columns stored encrypted at rest: whoever reads the database or a backup without the
site's secret key does not read them.

Fernet (AES-128-CBC with an HMAC-SHA256, from the ``cryptography`` package) with a key
derived from ``SECRET_KEY`` by HKDF, one key per purpose, so the encryption key is never the
key Django signs with. Values written under a key listed in ``SECRET_KEY_FALLBACKS`` still
read after a key rotation (and are written under the new key at their next save); a value
whose key is gone cannot be read, which is the point: rotate with the old key as a fallback.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

# Every Fernet token starts with its version byte 0x80, which base64 writes as "gAAAAA".
TOKEN_START = "gAAAAA"


def _fernet_key(secret: str, purpose: str) -> bytes:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"amur.core.crypto", info=purpose.encode()
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def _fernet(purpose: str) -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_fernet_key(key, purpose)) for key in keys])


def encrypt(text: str, *, purpose: str) -> str:
    return _fernet(purpose).encrypt(text.encode()).decode("ascii")


def decrypt(token: str, *, purpose: str) -> str:
    """The text; ``ValueError`` when no current or fallback key opens the token."""
    try:
        return _fernet(purpose).decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError):
        raise ValueError("the value was not encrypted with this site's secret key") from None


class EncryptedCharField(models.CharField):
    """A text column whose database value is a Fernet token; Python sees the text.

    ``purpose`` separates the keys of different columns. The column cannot be searched or
    compared in SQL. ``max_length`` bounds the token, about 1.4 times the text plus 100.
    """

    def __init__(self, *args, purpose: str = "", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def value_to_string(self, obj):
        # Dumps and backups (Django's serialisers) carry the token, never the text ...
        value = self.value_from_object(obj)
        return encrypt(value, purpose=self.purpose) if value else value

    def to_python(self, value):
        # ... and loading them gives the text back (a token starts with Fernet's version
        # byte, which no text stored here does).
        if isinstance(value, str) and value.startswith(TOKEN_START):
            try:
                return decrypt(value, purpose=self.purpose)
            except ValueError:
                raise ValidationError(
                    "The value was encrypted with another secret key.", code="invalid"
                ) from None
        return super().to_python(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value, purpose=self.purpose)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, purpose=self.purpose)
