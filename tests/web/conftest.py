"""Fixtures of the browser tests (see harness.py): one live service per test module, one
browser per session, a fresh browser context per test, signed in as a demo role on request."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)

from tests.web.harness import Service, launch, running, sign_in

SignedIn = Callable[[str], Page]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """A live service with the demo data, fresh for each test module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'rjplan.sqlite'}"
    yield from running(url)


@pytest.fixture
def page(browser: Browser, service: Service) -> Iterator[Page]:
    """A new browser context's page; any console error (a CSP refusal, a script error or a
    failed load) fails the test."""
    with watched(browser, service, javascript=True) as page:
        yield page


@pytest.fixture
def signed_in(page: Page, service: Service) -> SignedIn:
    """Sign the test's page in as the demo user of a role: signed_in("coordinator")."""
    return signer(page, service)


@pytest.fixture
def browser_without_js(browser: Browser, service: Service) -> Iterator[SignedIn]:
    """Like `signed_in`, in a browser with JavaScript turned off: the pages must still work."""
    with watched(browser, service, javascript=False) as page:
        yield signer(page, service)


def signer(page: Page, service: Service) -> SignedIn:
    def as_role(role: str) -> Page:
        sign_in(page, service, role)
        return page

    return as_role


@contextmanager
def watched(browser: Browser, service: Service, javascript: bool) -> Iterator[Page]:
    """A page in a new browser context that fails the test on any console error."""
    context = browser.new_context(
        base_url=service.url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    error_pages: set[str] = set()  # a 403 or 404 page a test asked for is not a problem

    def response(answer: Response) -> None:
        if answer.request.resource_type == "document" and answer.status >= 400:
            error_pages.add(answer.url)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and message.location.get("url") not in error_pages:
            problems.append(f"{message.text} ({message.location.get('url')})")

    page.on("response", response)
    page.on("console", console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page
    context.close()
    assert not problems, f"the browser reported errors: {problems}"
