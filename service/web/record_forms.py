"""The forms of a volunteer's record and a recruit's next stage: which fields each form has
(named `FORM.FIELD` so one page can hold several forms and its error summary links to the right
one), the body each gives its workflow, and its errors in words a coordinator acts on."""

from __future__ import annotations

from typing import Any, Final

FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "training": ("course", "level", "completed_on", "provider", "hours"),
    "check": ("kind", "granted_on", "expires_on"),
    "supervision": ("held_on", "kind", "supervisor"),
    "stage": (
        "stage",
        "on",
        "note",
        "facilitator.id",
        "facilitator.weekly_hours",
        "facilitator.max_cases",
    ),
}
WORDS: Final[dict[str, str]] = {
    "training.course": "Choose the course",
    "training.completed_on": "Enter the day the course was completed, like 2026-10-14",
    "training.hours": "Enter the CPD hours it counts for, from 0 to 200",
    "check.kind": "Choose the check",
    "check.granted_on": "Enter the day the check was granted, like 2026-11-02",
    "check.expires_on": "Enter the day it expires, after the day it was granted, or leave it empty",
    "supervision.held_on": "Enter the day the supervision was held, like 2026-11-20",
    "supervision.kind": "Choose individual or group",
    "supervision.supervisor": "Enter who supervised, in at most 100 characters",
    "stage.stage": "Choose the stage they reached",
    "stage.on": "Enter the day they reached it, like 2026-11-20",
    "stage.facilitator.id": "Enter the new facilitator's id: letters, digits, dots, dashes",
    "stage.facilitator.weekly_hours": "Enter the hours a week they offer, from 0 to 80",
    "stage.facilitator.max_cases": "Enter the most cases they take at once, from 0 to 50",
}
"""The plain message of a field whose value did not read; a message the workflow wrote about
a value that did read (a day in the future, a stage out of turn) is shown as it is."""
KEEP: Final = ("future", "before", "after", "exists", "next stage", "home outcode")
PHRASES: Final = {
    "granted_on": "the day it was granted",
    "before the stage before": "the day must not be before the stage before",
}
"""A workflow's words for the API, as the page says them."""
COURSES: Final = (
    ("practitioner", "RJ practitioner training"),
    ("mediation", "Mediation"),
    ("complex_sensitive", "Complex and sensitive cases"),
    ("dv_sv", "Domestic and sexual violence"),
    ("cjp", "Community justice panels"),
    ("refresher", "Refresher"),
    ("other", "Other CPD"),
)
LEVELS: Final = (
    ("foundation", "Foundation"),
    ("intermediate", "Intermediate"),
    ("advanced", "Advanced"),
)
CHECKS: Final = (
    ("force", "Force vetting"),
    ("nsv", "National security vetting (NSV)"),
    ("prison", "Prison clearance"),
)
SUPERVISIONS: Final = (("individual", "Individual"), ("group", "Group"))
SAVED: Final = {
    "training": "The training is added; the skills it gives are in the record.",
    "check": "The check is recorded; a force vetting sets the expiry the allocator reads.",
    "supervision": "The supervision is recorded; the next is due from it.",
}


def body(form: str, typed: dict[str, str]) -> dict[str, Any]:
    """The JSON body a form's fields give (empty fields left out, so defaults apply and a
    missing required field is named); `a.b` fields nest."""
    out: dict[str, Any] = {}
    for name in FIELDS[form]:
        value = typed.get(f"{form}.{name}", "").strip()
        if not value:
            continue
        head, _, tail = name.partition(".")
        if tail:
            out.setdefault(head, {})[tail] = value
        else:
            out[name] = value
    return out


def worded(form: str, errors: dict[str, str]) -> dict[str, str]:
    """A form's errors (field path -> message) keyed by its fields, in plain words."""
    out: dict[str, str] = {}
    for name, message in errors.items():
        field = f"{form}.{name}" if name in _names(form) else _nearest(form, name)
        keep = any(k in message for k in KEEP)
        out.setdefault(field, _sentence(message) if keep else WORDS.get(field, message))
    return out


def _sentence(message: str) -> str:
    """A workflow's message as a sentence on a page: no JSON field names, a capital first."""
    for name, words in PHRASES.items():
        message = message.replace(name, words)
    return message[:1].upper() + message[1:]


def _names(form: str) -> set[str]:
    return set(FIELDS[form])


def _nearest(form: str, name: str) -> str:
    """The form's field an error about `name` belongs to (a nested or whole-body error goes
    to the field it starts with, else the form's first field)."""
    for field in FIELDS[form]:
        if name.startswith(field):
            return f"{form}.{field}"
    if form == "stage" and name.startswith("facilitator"):
        return "stage.facilitator.id"
    return f"{form}.{FIELDS[form][0]}"
