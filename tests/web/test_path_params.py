"""The pages' path parameters are bounded as the API's are (service.web.paths): a 10 kB
segment, a NUL byte or a number past the store's integers is a 422 (or 404) page, never a 500,
on SQLite and on PostgreSQL (which refuses NUL in a string outright)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.server import create_app
from service.store.db import make_engine, upgrade
from service.workflow.auth import Role
from tests.service.builders import PASSWORD, a_user
from tests.service.conftest import database_url, postgres_url, settings_for
from tests.web.test_session import form_token

__all__ = ["database_url", "postgres_url"]  # the service tests' backends, used below

LONG = "R" * 10_000
NUL = "R%001"
TOO_BIG = "99999999999"
IDS = [LONG, NUL, "R%0A1", "R%2F1"]
PAGES = [
    "/web/cases/{}",
    "/web/cases/{}/file",
    "/web/cases/{}/file/referrer-updates/1/message.eml",
    "/web/cases/{}/file/parties/1",
    "/web/referrals/{}",
    "/web/facilitators/{}",
    "/web/facilitators/{}/record",
    "/web/board/proposals/{}",
    "/web/board/proposals/P-1/cases/{}",
    "/web/meetings/plans/{}",
    "/web/meetings/plans/{}/calendars/F-1.ics",
    "/web/scenarios/runs/{}",
    "/web/admin/users/{}",
]
FORMS = [
    "/web/cases/{}/file/actions/1/done",
    "/web/cases/{}/file/parties/1",
    "/web/cases/{}/file/onward-referrals",
    "/web/cases/{}/file/complaints/1/resolution",
    "/web/board/proposals/{}/forbid",
    "/web/meetings/plans/{}/commit",
    "/web/board/proposals/{}/commit",
    "/web/facilitators/{}/vetting-lapsed",
    "/web/referrals/{}/screen",
    "/web/admin/users/{}/active",
]


@pytest.fixture
def web(database_url: str) -> Iterator[TestClient]:
    """A client signed in as an admin (every section open), over each backend."""
    engine = make_engine(database_url)
    upgrade(engine)
    engine.dispose()
    app = create_app(settings_for(database_url))
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        a_user(app, Role.ADMIN, "admin")
        token = form_token(client.get("/web/").text)
        signed = client.post(
            "/web/sign-in", data={"username": "admin", "password": PASSWORD, "csrf_token": token}
        )
        assert signed.status_code == 303, signed.text
        yield client
    app.state.engine.dispose()


def _refused(status: int, where: str) -> None:
    # 405: a %2F makes two segments, which may be the address of a page that only takes posts
    # (/web/board/proposals/R/1 is the board's control "1" of proposal R)
    allowed = (404, 405, 422) if "%2F" in where else (404, 422)
    assert status in allowed, f"{where}: {status}"


def test_a_long_or_nul_path_segment_is_a_422_or_404_page_never_a_500(web: TestClient) -> None:
    for template in PAGES:
        for ident in IDS:
            path = template.format(ident)
            _refused(web.get(path).status_code, path[:80])
    token = form_token(web.get("/web/cases").text)
    for template in FORMS:
        for ident in IDS:
            path = template.format(ident)
            _refused(web.post(path, data={"csrf_token": token}).status_code, path[:80])


def test_a_row_number_past_the_stores_integers_is_refused_naming_it(web: TestClient) -> None:
    for path in (
        f"/web/cases/R-1/file/referrer-updates/{TOO_BIG}/message.eml",
        "/web/cases/R-1/file/referrer-updates/0/message.eml",
    ):
        answer = web.get(path)
        assert answer.status_code == 422, answer.text[:300]
        assert "contact_id" in answer.text
    for path, name in (
        (f"/web/cases/R-1/file/parties/{TOO_BIG}", "party_id"),
        ("/web/cases/R-1/file/parties/0", "party_id"),
    ):
        answer = web.get(path)
        assert answer.status_code == 422, answer.text[:300]
        assert name in answer.text
