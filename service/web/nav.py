"""The sections of the pages: each with the roles that may open it. The navigation bar shows
a user only the sections their role may open, and each section's pages refuse the others (403),
from this one table."""

from __future__ import annotations

from dataclasses import dataclass

from service.workflow.auth import STAFF, Principal, Role

FACILITATORS = frozenset({Role.FACILITATOR})
ADMINS = frozenset({Role.ADMIN})
OVERSEERS = frozenset({Role.ADMIN, Role.MANAGER})


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    path: str
    roles: frozenset[Role]
    doing: str


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("worklist", "Today", "/worklist", STAFF, "reading the worklist"),
        Section("board", "Morning board", "/board", STAFF, "reading the allocation board"),
        Section("referrals", "Referrals", "/referrals", STAFF, "reading referrals"),
        Section("cases", "Cases", "/cases", STAFF, "reading case data"),
        Section("facilitators", "Facilitators", "/facilitators", STAFF, "reading facilitators"),
        Section("me", "My work", "/me", FACILITATORS, "the facilitator's own view"),
        Section("reports", "Reports", "/reports", STAFF, "reading reports"),
        Section("meetings", "Meetings", "/meetings", STAFF, "reading meetings plans"),
        Section("venues", "Venues", "/venues", STAFF, "reading the venues and prisons"),
        Section("recruits", "Recruitment", "/recruits", STAFF, "reading the recruitment funnel"),
        Section("survey", "Volunteer survey", "/survey", OVERSEERS, "running the volunteer survey"),
        Section("scenarios", "Scenarios", "/scenarios", OVERSEERS, "running what-if scenarios"),
        Section("users", "Users", "/admin/users", ADMINS, "managing users"),
        Section("audit", "Audit log", "/admin/audit", OVERSEERS, "reading the audit log"),
    )
}

HOME = {
    Role.ADMIN: "cases",
    Role.COORDINATOR: "worklist",
    Role.MANAGER: "cases",
    Role.FACILITATOR: "me",
}


def visible(user: Principal) -> list[Section]:
    """The sections this user's role may open, in the bar's order."""
    return [s for s in SECTIONS.values() if user.role in s.roles]


def home(user: Principal) -> Section:
    """Where a user lands after signing in."""
    return SECTIONS[HOME[user.role]]
