"""What guards the server: ASGI middleware for a request body size limit, answers without tracebacks
and the page's security headers; a lockout for clients that guess tokens; error answers that never echo
the input."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections import OrderedDict, deque

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuses bodies over `max_bytes` with 413: by Content-Length up front, or while a chunked body
    streams in, so an oversized request is never read into memory whole. Whatever the application
    answers once the limit was crossed (FastAPI turns the interrupted read into a 400) is replaced by
    the 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        received = 0
        over = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if over:
                return  # the application's answer to a body it could not read: the 413 goes instead
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if over and not response_started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await send_json(send, 413, {"detail": f"request body over the limit of {self.max_bytes:,} bytes"})


class InternalErrors:
    """A 500 that shows no traceback (the server log keeps it). Inside the security headers, unlike
    Starlette's own error middleware, so that even this answer carries them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not response_started:
                await send_json(send, 500, {"detail": "internal server error"})


class FailedAuthentication:
    """Token guessing slowed to a crawl: a client (by address) that sends `allowed` unknown tokens within
    `window_s` seconds is refused with 429 for `lockout_s` seconds, valid token or not, so that a guess
    made during the lockout tells nothing. Clients are forgotten once quiet; at most `max_clients` are
    remembered (the oldest are dropped), so a flood of addresses cannot fill the memory."""

    def __init__(self, allowed: int, window_s: float, lockout_s: float, max_clients: int = 100_000) -> None:
        self.allowed = allowed
        self.window_s = window_s
        self.lockout_s = lockout_s
        self.max_clients = max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_s(self, client: str, now: float | None = None) -> float:
        """Seconds the client must wait before trying a token again (0: it may try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            until = self._locked_until.get(client, 0.0)
            if until <= now:
                self._locked_until.pop(client, None)
                return 0.0
            return until - now

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._failures.pop(client, None) or deque()
            times.append(now)
            while times and times[0] <= now - self.window_s:
                times.popleft()
            self._failures[client] = times  # most recent last
            if len(times) >= self.allowed:
                self._locked_until[client] = now + self.lockout_s
                times.clear()
            while len(self._failures) > self.max_clients:
                oldest, _ = self._failures.popitem(last=False)
                self._locked_until.pop(oldest, None)


async def send_json(send: Send, status: int, content: dict) -> None:
    body = json.dumps(content).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """A strict Content-Security-Policy (scripts only from this server, so even a report's markup that
    slipped into the page could not run), no sniffing, no framing, no referrer."""

    def __init__(self, app: ASGIApp, extra_image_sources: list[str]) -> None:
        self.app = app
        images = " ".join(["'self'", "data:", "blob:", *extra_image_sources])
        # Leaflet positions map elements with inline styles, hence 'unsafe-inline' for styles only.
        self.page_policy = (
            f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src {images}; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        )
        # Swagger UI boots from one inline script.
        self.docs_policy = self.page_policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.docs_policy if scope["path"].endswith("/docs") else self.page_policy

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def install_error_handlers(app: FastAPI) -> None:
    """Errors answered as JSON that says what is wrong, never the input echoed back or a traceback."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
        # What is wrong and where, without echoing the (possibly large) input back.
        problems = [
            {"loc": [str(part) for part in item.get("loc", ())], "msg": item.get("msg", "invalid")}
            for item in error.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail
        if error.status_code == status.HTTP_400_BAD_REQUEST and error.__cause__ is not None:
            # FastAPI's "error parsing the body": say what the JSON parser could not take.
            detail = f"the body is not JSON this server can read: {_unreadable(error.__cause__)}"
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)


def _unreadable(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, ValueError) and "digits" in str(error):
        return "a number with too many digits"
    return type(error).__name__
