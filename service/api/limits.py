"""The request body limit: an ASGI middleware in front of both doors (service.server adds it).

A body over `max_bytes` is answered 413 with the API's error body: at once when its
Content-Length says so, or as soon as the bytes read pass the limit (a chunked upload).
Nothing is read past the limit, so nothing is written.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 10_000_000


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413 Content Too Large."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _too_large(send, self.max_bytes)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, _message(self.max_bytes))
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _message(max_bytes: int) -> str:
    return f"the request body is over {max_bytes:,} bytes (RJPLAN_MAX_BODY_BYTES); send less"


async def _too_large(send: Send, max_bytes: int) -> None:
    message = _message(max_bytes)
    body = json.dumps(
        {
            "error": "too_large",
            "message": message,
            "errors": [{"pointer": "/body", "message": message}],
        }
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
