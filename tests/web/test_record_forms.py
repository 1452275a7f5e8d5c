"""The record forms' fields: the body each gives its workflow, and its errors in plain words."""

from __future__ import annotations

from models.volunteers import CheckKind, Course, Level, SupervisionKind
from service.web import record_forms


def test_empty_fields_are_left_out_and_dotted_fields_nest() -> None:
    typed = {
        "stage.stage": "active",
        "stage.on": "2026-11-20",
        "stage.note": " ",
        "stage.facilitator.id": "F-9",
        "stage.facilitator.weekly_hours": "6",
        "training.course": "mediation",  # another form's field
    }
    assert record_forms.body("stage", typed) == {
        "stage": "active",
        "on": "2026-11-20",
        "facilitator": {"id": "F-9", "weekly_hours": "6"},
    }


def test_an_unreadable_value_gets_the_fields_plain_message_and_a_workflow_message_is_kept() -> None:
    errors = {
        "held_on": "Input should be a valid date",
        "supervisor": "Field required",
    }
    worded = record_forms.worded("supervision", errors)
    assert worded == {
        "supervision.held_on": record_forms.WORDS["supervision.held_on"],
        "supervision.supervisor": record_forms.WORDS["supervision.supervisor"],
    }
    future = record_forms.worded("check", {"granted_on": "2027-01-01 is in the future"})
    assert future == {"check.granted_on": "2027-01-01 is in the future"}
    expiry = record_forms.worded("check", {"expires_on": "the expiry must come after granted_on"})
    assert expiry == {"check.expires_on": "The expiry must come after the day it was granted"}


def test_an_error_about_a_whole_part_goes_to_its_first_field() -> None:
    worded = record_forms.worded("stage", {"facilitator": "give the new facilitator's id"})
    assert list(worded) == ["stage.facilitator.id"]
    assert list(record_forms.worded("training", {"": "bad"})) == ["training.course"]


def test_every_course_level_check_and_supervision_has_a_choice() -> None:
    for choices, kinds in (
        (record_forms.COURSES, Course),
        (record_forms.LEVELS, Level),
        (record_forms.CHECKS, CheckKind),
        (record_forms.SUPERVISIONS, SupervisionKind),
    ):
        assert [value for value, _ in choices] == [k.value for k in kinds]
