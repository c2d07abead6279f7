"""Secrets of API tokens: made once, shown once, kept only as their SHA-256."""

from __future__ import annotations

import hashlib
import secrets

PREFIX_LENGTH = 8


def new_secret() -> str:
    """A token's secret: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What the database keeps of a secret. A plain SHA-256 is enough: the secret is
    random and long, not a password that could be guessed from a dictionary."""
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str:
    return secret[:PREFIX_LENGTH]
