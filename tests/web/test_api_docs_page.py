"""The API docs page (/docs) in a browser: Swagger UI from the package's own files renders the
service's operations under the strict Content-Security-Policy, with nothing loaded from another
site (the `page` fixture fails on any console error, a CSP refusal among them)."""

from __future__ import annotations

from playwright.sync_api import Page, Request, expect

from tests.web.harness import SCREENSHOTS, Service


def test_the_docs_render_every_tag_from_this_service_alone(page: Page, service: Service) -> None:
    asked: list[str] = []

    def note(request: Request) -> None:
        asked.append(request.url)

    page.on("request", note)
    page.goto(f"{service.url}/docs")
    expect(page.get_by_role("heading", name="rjplan").first).to_be_visible(timeout=30_000)
    expect(page.locator(".opblock-summary-path", has_text="/auth/token")).to_be_visible()
    assert page.locator(".opblock").count() > 50
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
    outside = [url for url in asked if not url.startswith((service.url, "data:"))]
    assert outside == []
