"""The navigation bar each role is given (service.web.nav.bar), without a browser."""

from __future__ import annotations

import pytest

from service.web.nav import SECTIONS, bar
from service.workflow.auth import Principal, Role


def _bar(role: Role) -> dict[str, list[str]]:
    user = Principal(1, "someone", role, "F001" if role is Role.FACILITATOR else None)
    return {item.section.key: [s.key for s in item.pages] for item in bar(user)}


def test_sections_under_another_join_its_second_row_for_a_coordinator() -> None:
    assert _bar(Role.COORDINATOR) == {
        "worklist": ["worklist"],
        "board": ["board"],
        "referrals": ["referrals"],
        "cases": ["cases"],
        "facilitators": ["facilitators", "recruits"],
        "reports": ["reports"],
        "meetings": ["meetings", "venues"],
    }


def test_a_section_whose_upper_one_is_closed_to_the_role_stands_on_the_bar() -> None:
    manager = _bar(Role.MANAGER)
    assert manager["audit"] == ["audit"]  # a manager may not open Users
    assert manager["reports"] == ["reports", "scenarios"]
    assert manager["facilitators"] == ["facilitators", "recruits", "survey"]
    assert _bar(Role.ADMIN)["users"] == ["users", "audit"]


def test_a_facilitator_has_their_own_work_only() -> None:
    assert _bar(Role.FACILITATOR) == {"me": ["me"]}


@pytest.mark.parametrize("section", [s for s in SECTIONS.values() if s.under])
def test_every_upper_section_is_a_section_on_the_bar(section: object) -> None:
    upper = SECTIONS[section.under]  # type: ignore[attr-defined]
    assert upper.under is None


def test_a_path_belongs_to_its_section_and_not_to_a_prefix_of_its_name() -> None:
    facilitators = SECTIONS["facilitators"]
    assert facilitators.holds("/facilitators/F001/record")
    assert not facilitators.holds("/facilitatorsx")
