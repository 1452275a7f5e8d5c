"""A line or a text refuses control characters (models.values): found by one character class
in C, the same character the character-by-character scan it replaced found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.values import CONTROLS, check_line, check_text

TEXTS = st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from(CONTROLS))


def first_control_scanned(value: str, allowed: str) -> str | None:
    """The scan as it was: each character's code point tested in Python."""
    return next(
        (c for c in value if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed),
        None,
    )


@given(TEXTS)
def test_a_line_refuses_the_first_control_character_the_scan_found(value: str) -> None:
    bad = first_control_scanned(value, "")
    if bad is None:
        assert check_line(value) == value
    else:
        with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X} "):
            check_line(value)


@given(TEXTS)
def test_a_text_allows_tabs_and_line_breaks_and_refuses_the_rest(value: str) -> None:
    bad = first_control_scanned(value, "\n\r\t")
    if bad is None:
        assert check_text(value) == value
    else:
        with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X} "):
            check_text(value)


def test_the_control_characters_are_c0_del_and_c1() -> None:
    assert len(CONTROLS) == 32 + 33
    assert check_text("one\ttwo\r\nthree") == "one\ttwo\r\nthree"
    with pytest.raises(ValueError, match="U\\+0085"):
        check_line("next\x85line")
