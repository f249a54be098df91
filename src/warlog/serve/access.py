"""Who may call what: the FastAPI dependencies that name a caller by its bearer token and check its role.

Reads are open unless closed; writes need a token with the role (`warlog token create`); a client that keeps
sending unknown tokens waits (`limits.FailedAuthentication`).
"""

import math
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from warlog.serve import auth
from warlog.serve.limits import FailedAuthentication
from warlog.serve.settings import ServeSettings

bearer = HTTPBearer(auto_error=False, description="A token from `warlog token create`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


class Access:
    """One app's dependencies: `reader` for reads, `needs(role)` for writes; `token_owner` names a token's
    (name, role), or None for a token it does not know."""

    def __init__(self, token_owner: Callable[[str], tuple[str, str] | None], settings: ServeSettings) -> None:
        self.token_owner = token_owner
        self.read_open = settings.read_open is not False  # unset: `warlog serve` decides by the host it listens on
        self.failures = FailedAuthentication(
            settings.auth_failures_allowed, settings.auth_failure_window_s, settings.auth_lockout_s
        )

    def caller(self, request: Request, credentials: Credentials) -> tuple[str, str]:
        """(name, role) of the token's owner; the name is recorded as `who` in the logs."""
        if credentials is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "this needs an API token: send 'Authorization: Bearer <token>' (make one with `warlog token create`)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        client = request.client.host if request.client else "unknown"
        wait_s = self.failures.wait_s(client)
        if wait_s:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                f"too many unknown tokens from {client}: try again in {math.ceil(wait_s)} s",
                headers={"Retry-After": str(math.ceil(wait_s))},
            )
        owner = self.token_owner(credentials.credentials)
        if owner is None:
            self.failures.failed(client)
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED, "unknown API token", headers={"WWW-Authenticate": "Bearer"}
            )
        return owner

    def needs(self, role: auth.Role) -> Callable[..., str]:
        def check(owner: Annotated[tuple[str, str], Depends(self.caller)]) -> str:
            name, has = owner
            if not auth.allows(has, role):
                raise HTTPException(
                    status.HTTP_403_FORBIDDEN, f"this needs the {role} role; {name}'s token has the {has} role"
                )
            return name

        return check

    def reader(self, request: Request, credentials: Credentials) -> str | None:
        """Reads are open unless closed (by configuration, or by listening beyond loopback)."""
        return None if self.read_open else self.needs("read")(self.caller(request, credentials))
