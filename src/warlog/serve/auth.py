"""API tokens: `warlog token create` makes one; the store keeps only its SHA-256 hash.

Tokens are 256 random bits, so a plain SHA-256 (no slow password hash) is enough to make a stolen
store useless for calling the API: nobody can guess a pre-image of a random 256-bit secret.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

import duckdb

TOKEN_PREFIX = "wl_"

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_tokens (
    token_hash VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    created TIMESTAMP NOT NULL
)
"""


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(SCHEMA)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(connection: duckdb.DuckDBPyConnection, name: str) -> str:
    """A new token for `name` (who the review log will say made each change); shown once, never stored."""
    if not name.strip():
        raise ValueError("a token needs a name: the review log records who made each change")
    ensure_schema(connection)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    connection.execute(
        "INSERT INTO api_tokens VALUES (?, ?, ?)",
        [token_hash(token), name.strip(), datetime.now(UTC).replace(tzinfo=None)],
    )
    return token


def token_owner(connection: duckdb.DuckDBPyConnection, token: str) -> str | None:
    """The name a valid token was created for, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = connection.execute("SELECT name FROM api_tokens WHERE token_hash = ?", [token_hash(token)]).fetchone()
    return row[0] if row else None
