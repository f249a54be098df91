"""Token management for `warlog token`, whether or not a server holds the store.

DuckDB lets one process open a database file for writing, so while `warlog serve` runs, no other
process can open its store. Rather than have the server let go of the file between requests (it would
reopen it, and lose its caches, on every call), the server says where it listens in a file beside the
store (`STORE.serve.json`), and `warlog token` sends its changes to the server's admin API with an admin
token (`$WARLOG_TOKEN`). With the server stopped, `warlog token` writes to the store itself, which is
how the first admin token is made. The server logs who made each change either way.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

from warlog.serve import auth

TOKEN_ENV = "WARLOG_TOKEN"


class AdminError(RuntimeError):
    """Why a token command could not be carried out, in one line."""


class TokenAdmin(Protocol):
    def create(self, name: str, role: auth.Role) -> str: ...
    def list(self) -> list[dict[str, Any]]: ...
    def revoke(self, token_id: str) -> dict[str, Any]: ...


def serve_file(store: Path) -> Path:
    return store.with_name(store.name + ".serve.json")


@contextmanager
def announced(store: Path, url: str) -> Iterator[None]:
    """While the server runs: where it listens, for `warlog token` to find it. Entered by the app's
    lifespan, which ends before uvicorn re-raises the SIGTERM that stopped it."""
    path = serve_file(store)
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


class StoreTokens:
    """Tokens written to the store directly (no server holds it)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def create(self, name: str, role: auth.Role) -> str:
        return auth.create_token(self.connection, name, role, who="cli")

    def list(self) -> list[dict[str, Any]]:
        return [_jsonable(asdict(info)) for info in auth.list_tokens(self.connection)]

    def revoke(self, token_id: str) -> dict[str, Any]:
        info = auth.revoke_token(self.connection, token_id, who="cli")
        if info is None:
            raise AdminError(f"no token {token_id!r}: `warlog token list` shows the ids")
        return _jsonable(asdict(info))


class ServerTokens:
    """Tokens managed through the running server's admin API."""

    def __init__(self, url: str, admin_token: str) -> None:
        self.url = url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {admin_token}"}

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        # The standard library's client: the CLI needs no HTTP package for three admin calls.
        data = json.dumps(body).encode() if body is not None else None
        headers = {**self.headers, "Content-Type": "application/json"}
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("detail", "")
            raise AdminError(f"the server at {self.url} refused: {error.code} {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise AdminError(f"the server at {self.url} does not answer ({error})") from None

    def create(self, name: str, role: auth.Role) -> str:
        return self._call("POST", "/admin/tokens", {"name": name, "role": role})["token"]

    def list(self) -> list[dict[str, Any]]:
        return self._call("GET", "/admin/tokens")

    def revoke(self, token_id: str) -> dict[str, Any]:
        return self._call("DELETE", f"/admin/tokens/{token_id}")


def through_server(store: Path) -> ServerTokens:
    """The admin API of the server holding `store`; AdminError saying what is missing."""
    path = serve_file(store)
    announcement = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if not announcement or not _running(announcement.get("pid", 0)):
        raise AdminError(f"the store {store} is in use by another process, and no warlog server announces it")
    url = announcement["url"]
    admin_token = os.environ.get(TOKEN_ENV, "")
    if not admin_token:
        raise AdminError(
            f"`warlog serve` holds the store {store}: set {TOKEN_ENV} to an admin token to manage tokens through it"
            " (or stop the server)"
        )
    return ServerTokens(url, admin_token)


def _running(pid: int) -> bool:
    """Whether a process with this id still runs (a server killed outright leaves its file behind)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid > 0


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in values.items()}
