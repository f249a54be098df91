"""API tokens with roles, and the audit log of what each token's owner did.

`warlog token create` makes a token; the store keeps only its SHA-256 hash. Tokens are 256 random
bits, so a plain SHA-256 (no slow password hash) is enough to make a stolen store useless for calling
the API: nobody can guess a pre-image of a random 256-bit secret. A token is listed and revoked by its
id, the first 12 hex digits of its hash (which tells nothing about the secret).

Roles, each allowing what the one before it does: `read` (reads, where the server keeps them closed),
`review` (review events, post reports), `admin` (manage tokens).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from warlog.store.connection import Connection
from warlog.store.schema import now

TOKEN_PREFIX = "wl_"
ROLES = ("read", "review", "admin")
Role = Literal["read", "review", "admin"]
ID_LENGTH = 12


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    name: str
    role: str
    created: datetime
    revoked: datetime | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def allows(role: str, needed: Role) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


def create_token(connection: Connection, name: str, role: Role = "review", who: str = "cli") -> str:
    """A new token for `name` (who the logs will say acted); shown once, never stored."""
    if not name.strip():
        raise ValueError("a token needs a name: the logs record who made each change")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    digest = token_hash(token)
    connection.execute(
        "INSERT INTO api_tokens (token_hash, name, created, role) VALUES (?, ?, ?, ?)",
        [digest, name.strip(), now(), role],
    )
    record(connection, who, "token.create", digest[:ID_LENGTH], {"name": name.strip(), "role": role})
    return token


def token_owner(connection: Connection, token: str) -> tuple[str, str] | None:
    """(name, role) of a valid, unrevoked token, or None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    rows = connection.execute(
        "SELECT name, role FROM api_tokens WHERE token_hash = ? AND revoked IS NULL", [token_hash(token)]
    ).fetchall()
    return rows[0] if rows else None


def list_tokens(connection: Connection) -> list[TokenInfo]:
    rows = connection.execute(
        "SELECT token_hash, name, role, created, revoked FROM api_tokens ORDER BY created, name"
    ).fetchall()
    return [TokenInfo(digest[:ID_LENGTH], *rest) for digest, *rest in rows]


def revoke_token(connection: Connection, token_id: str, who: str = "cli") -> TokenInfo | None:
    """Revoke the token with this id (its hash's first 12 hex digits); None when there is none."""
    if len(token_id) != ID_LENGTH or not all(c in "0123456789abcdef" for c in token_id):
        return None
    rows = connection.execute(
        "UPDATE api_tokens SET revoked = coalesce(revoked, ?) WHERE starts_with(token_hash, ?) RETURNING name",
        [now(), token_id],
    ).fetchall()
    if not rows:
        return None
    record(connection, who, "token.revoke", token_id, {"name": rows[0][0]})
    return next(info for info in list_tokens(connection) if info.id == token_id)


def record(connection: Connection, who: str, action: str, subject: str, detail: dict | None) -> None:
    """One line of the audit log: who did what to which subject, and when (UTC)."""
    connection.execute(
        "INSERT INTO audit_log (who, done_at, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        [who, now(), action, subject, json.dumps(detail) if detail else None],
    )


def audit(connection: Connection, limit: int) -> list[dict[str, Any]]:
    rows = connection.execute(
        "SELECT who, done_at, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [
        {"who": who, "at": at.isoformat() + "Z", "action": action, "subject": subject,
         "detail": json.loads(detail) if detail else None}
        for who, at, action, subject, detail in rows
    ]  # fmt: skip
