"""The security headers of every answer of the service, API and pages alike, errors included
(OWASP ASVS 14.4): one ASGI middleware that service.server wraps around the whole app, so no
route, mount or error handler can answer without them.

- Content-Security-Policy: the pages' strict policy (their own files only, no inline script
  or style, no framing); the JSON answers and the API docs page live under it too.
- X-Content-Type-Options: nosniff; X-Frame-Options: DENY (and CSP frame-ancestors 'none');
  Referrer-Policy: no-referrer.
- Cache-Control: no-store on everything but the static assets (the pages' and the API docs'
  own files): the answers hold personal data, which must not stay in a browser or proxy cache.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
NO_STORE = "no-store"
STATIC_PREFIXES = ("/web/static/", "/docs-static/")
"""Where the service's own static files are served: cacheable, nothing personal in them."""


class SecurityHeaders:
    """ASGI middleware: HEADERS on every HTTP answer, and Cache-Control no-store on every one
    outside STATIC_PREFIXES (replacing any a route set)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._raw = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith(STATIC_PREFIXES)
        added = self._raw if static else [*self._raw, (b"cache-control", NO_STORE.encode())]
        replaced = {name for name, _ in added}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in replaced]
                message = {**message, "headers": [*kept, *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
