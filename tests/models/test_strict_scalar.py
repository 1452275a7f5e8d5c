"""The edge's strict scalars (models.values.strict_scalar): a number is never a boolean or a
text, a yes/no only true or false; text may stand for either in typed text. The field kinds
are worked out once per annotation, so each check must still follow its own field."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field

from models.values import TYPED_AS_TEXT, strict_scalar

NUMBER = Annotated[int, Field(ge=0)]
MAYBE_NUMBER = float | None
YES_NO = bool | None


@pytest.mark.parametrize("annotation", [int, float, NUMBER, MAYBE_NUMBER])
def test_a_number_field_refuses_a_boolean_and_text_but_not_in_typed_text(
    annotation: object,
) -> None:
    for _ in range(2):  # the second time the field's kind comes from the cache
        with pytest.raises(ValueError, match="not true or false"):
            strict_scalar(True, annotation)
        with pytest.raises(ValueError, match="not the text"):
            strict_scalar("3", annotation)
        assert strict_scalar("3", annotation, TYPED_AS_TEXT) == "3"
        assert strict_scalar(3, annotation) == 3


@pytest.mark.parametrize("annotation", [bool, YES_NO])
def test_a_yes_no_field_takes_only_true_or_false(annotation: object) -> None:
    for _ in range(2):
        assert strict_scalar(False, annotation) is False
        with pytest.raises(ValueError, match="not a number"):
            strict_scalar(0, annotation)
        with pytest.raises(ValueError, match="not text"):
            strict_scalar("no", annotation)
        assert strict_scalar("no", annotation, TYPED_AS_TEXT) == "no"


@pytest.mark.parametrize("value", [None, "text", 3, True, 2.5, [1], {"a": 1}])
def test_other_fields_take_anything(value: object) -> None:
    assert strict_scalar(value, str | None) == value
    assert strict_scalar(value, list[int]) == value
