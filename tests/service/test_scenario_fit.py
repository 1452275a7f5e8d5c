"""`rjplan scenario fit` on a store: the history's counts reach the fit, with their samples."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from models import InputError
from service.cli import app as cli
from service.cli import main
from service.store import tables as t
from service.store.db import session_factory
from service.store.uow import UnitOfWork
from service.workflow import scenario_fit
from tests.service.conftest import TEST_CIPHER, TEST_DATA_KEY

AT = dt.datetime(2026, 6, 1, 9)


def _history(engine: Engine) -> None:
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        for i in range(12):
            received = dt.date(2026, 1 + i % 6, 3)
            who = "police" if i % 3 else "probation"
            doc = {"referrer": {"organisation": who}}
            uow.session.add(
                t.Referral(
                    id=f"R-{i}",
                    received=received,
                    district="Colchester",
                    document=doc,
                    created_at=AT,
                )
            )
        uow.flush()
        for i in range(12):
            outcome = "accept" if i % 4 else "decline"
            uow.session.add(
                t.Decision(
                    referral_id=f"R-{i}",
                    policy="p",
                    outcome=outcome,
                    document={},
                    decided_at=AT,
                    decided_by="c",
                )
            )
        for i, kind in enumerate(("direct", "direct", "declined", "indirect")):
            uow.session.add(
                t.Case(
                    id=f"C-{i}",
                    status="closed",
                    lat=51.9,
                    lon=0.9,
                    hours=19.0,
                    created_at=AT,
                    closed_on=dt.date(2026, 5, 1),
                    outcome=kind,
                )
            )
            uow.session.add(
                t.CaseOutcome(
                    case_id=f"C-{i}", kind=kind, recorded_on=dt.date(2026, 5, 1), recorded_by="c"
                )
            )
        uow.session.add(
            t.Facilitator(
                id="F-1",
                home_lat=51.9,
                home_lon=0.9,
                weekly_hours=6,
                max_cases=2,
                vetting_expires=dt.date(2027, 1, 1),
            )
        )
        uow.flush()
        for i, hours in enumerate((10.0, 14.0, 18.0)):
            uow.session.add(
                t.HoursEntry(
                    facilitator_id="F-1",
                    case_id=f"C-{i}",
                    worked_on=dt.date(2026, 4, 1),
                    hours=hours,
                    activity="case",
                    recorded_by="c",
                    recorded_at=AT,
                )
            )
        for i, days in enumerate((60, 90, 120)):
            recruit = t.Recruit(id=f"A-{i}", stage="vetted", created_at=AT)
            submitted = dt.date(2026, 1, 5)
            recruit.stages = [
                t.RecruitStage(
                    stage="vetting_submitted", reached_on=submitted, recorded_by="c", recorded_at=AT
                ),
                t.RecruitStage(
                    stage="vetted",
                    reached_on=submitted + dt.timedelta(days=days),
                    recorded_by="c",
                    recorded_at=AT,
                ),
            ]
            uow.session.add(recruit)
        uow.commit()


def test_the_fit_reads_referrals_decisions_outcomes_hours_and_vetting_waits(engine: Engine) -> None:
    _history(engine)
    with UnitOfWork(session_factory(engine, TEST_CIPHER)) as uow:
        found = scenario_fit.fit(uow)
    assert found.months == 6
    rates = {
        (r.referrer, r.district): (r.per_month.n, r.per_month.value) for r in found.referral_rates
    }
    assert rates == {("police", "Colchester"): (8, 8 / 6), ("probation", "Colchester"): (4, 4 / 6)}
    assert (found.accepted.value, found.accepted.n) == (9 / 12, 12)  # type: ignore[union-attr]
    assert (found.take_up.value, found.take_up.n) == (3 / 4, 4)  # type: ignore[union-attr]
    assert found.outcomes["direct"].value == 0.5
    assert (found.case_hours.value, found.case_hours.n) == (14.0, 3)  # type: ignore[union-attr]
    assert found.vetting_delay is not None
    assert found.vetting_delay.median_days.value == pytest.approx((60 * 90 * 120) ** (1 / 3))


def test_the_fit_command_prints_each_estimate_with_its_sample(
    engine: Engine, database_url: str
) -> None:
    _history(engine)
    runner = CliRunner()
    env = {"RJPLAN_DATA_KEY": TEST_DATA_KEY}
    answer = runner.invoke(cli, ["scenario", "fit", "--url", database_url], env=env)
    assert answer.exit_code == 0, answer.output
    assert "police" in answer.output
    assert "n=12" in answer.output
    assert "vetting wait" in answer.output
    assert isinstance(
        runner.invoke(cli, ["scenario", "fit", "--from", "June"], env=env).exception, InputError
    )  # `main` prints it and exits with status 2


def test_a_bad_day_exits_with_status_2_naming_the_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["rjplan", "scenario", "fit", "--from", "June"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert "--from: 'June' is not a day" in capsys.readouterr().err
