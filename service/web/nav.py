"""The sections of the pages: each with the roles that may open it. The navigation bar shows
a user only the sections their role may open, and each section's pages refuse the others (403),
from this one table.

A section may sit under another (`under`): the bar shows the upper one, and its pages and the
pages under it share a second row of links (Facilitators: Recruitment; Meetings: Venues), so
the bar keeps to one line on a laptop. A section whose upper one this user may not open stands
on the bar itself (a manager's Audit log)."""

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
    under: str | None = None  # the key of the section on the bar whose pages this joins

    def holds(self, path: str) -> bool:
        """Whether `path` (under the pages' prefix) is one of this section's pages."""
        return path == self.path or path.startswith(self.path + "/")


@dataclass(frozen=True)
class BarItem:
    """One link on the navigation bar and the sections its second row links to (itself first;
    alone when nothing sits under it for this user)."""

    section: Section
    pages: tuple[Section, ...]

    def holds(self, path: str) -> bool:
        """Whether `path` is a page of this item's sections (the bar marks it current)."""
        return any(s.holds(path) for s in self.pages)


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section("worklist", "Today", "/worklist", STAFF, "reading the worklist"),
        Section("board", "Morning board", "/board", STAFF, "reading the allocation board"),
        Section("referrals", "Referrals", "/referrals", STAFF, "reading referrals"),
        Section("cases", "Cases", "/cases", STAFF, "reading case data"),
        Section("facilitators", "Facilitators", "/facilitators", STAFF, "reading facilitators"),
        Section("me", "My work", "/me", FACILITATORS, "the facilitator's own view"),
        Section(
            "recruits",
            "Recruitment",
            "/recruits",
            STAFF,
            "reading the recruitment funnel",
            under="facilitators",
        ),
        Section("reports", "Reports", "/reports", STAFF, "reading reports"),
        Section(
            "scenarios",
            "Scenarios",
            "/scenarios",
            OVERSEERS,
            "running what-if scenarios",
            under="reports",
        ),
        Section("meetings", "Meetings", "/meetings", STAFF, "reading meetings plans"),
        Section(
            "venues",
            "Venues",
            "/venues",
            STAFF,
            "reading the venues and prisons",
            under="meetings",
        ),
        Section(
            "survey",
            "Volunteer survey",
            "/survey",
            OVERSEERS,
            "running the volunteer survey",
            under="facilitators",
        ),
        Section("users", "Users", "/admin/users", ADMINS, "managing users"),
        Section(
            "audit", "Audit log", "/admin/audit", OVERSEERS, "reading the audit log", under="users"
        ),
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


def bar(user: Principal) -> list[BarItem]:
    """The navigation bar for this user: each section they may open that sits under no other
    they may open, with the sections under it."""
    mine = visible(user)
    keys = {s.key for s in mine}
    top = [s for s in mine if s.under is None or s.under not in keys]
    return [BarItem(s, (s, *(u for u in mine if u.under == s.key))) for s in top]


def home(user: Principal) -> Section:
    """Where a user lands after signing in."""
    return SECTIONS[HOME[user.role]]
