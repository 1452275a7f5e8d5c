"""`rjplan demo`: the morning on a shipped demo service, from screening to the checked plan."""

from __future__ import annotations

import sys

import pytest

from service.cli import main


def test_the_demo_morning_screens_allocates_and_passes_the_independent_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["rjplan", "demo", "--scale", "tiny", "--time-limit", "3"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exit_:
        main()
    said = capsys.readouterr().out
    assert int(exit_.value.code or 0) == 0
    assert "Screening under essex-2018" in said
    assert "cases paired" in said
    assert "Independent check: every hard constraint H1-H10 holds." in said
    assert "426 referrals" in said
    assert "100 positive outcomes" in said


def test_an_unknown_demo_scale_is_a_usage_error_listing_the_scales(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["rjplan", "demo", "--scale", "huge"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert "tiny" in capsys.readouterr().err
