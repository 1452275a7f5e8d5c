"""The HTML report: self-contained, with a chart for each view, and plain text when empty."""

from __future__ import annotations

from scenarios.sim_report import backlog_svg, bars_svg, histogram_svg, report_html
from scenarios.sim_summary import summarise

ONE_RUN = {
    "referrals": 10,
    "decisions": {"accept": 6, "decline": 4},
    "accepted": 6,
    "taken_up": 3,
    "people_taking_up": 6,
    "allocated": 3,
    "reallocated": 0,
    "still_waiting": 0,
    "waits": [1, 2, 30],
    "unfinished_waits": [],
    "backlog": [0, 2, 1],
    "unallocated": {"H5": 2},
    "outcomes": {"conference": 1, "declined": 3},
    "positive_outcomes": 1,
    "volunteer_hours": 57.0,
    "volunteers": 4,
    "hours_per_volunteer": 14.25,
    "utilisation_by_district": {"Harlow <&>": 0.5},
    "utilisation_by_skill": {"mediation": 0.25},
    "solves": 3,
    "solve_seconds": 0.1,
}


def a_run() -> dict[str, object]:
    return {
        "scenario": "s",
        "title": "a test",
        "policy": "essex-2018",
        "replicates": 1,
        "seed": 0,
        "counted_from": "2017-04-03",
        "counted_to": "2017-05-03",
        "summary": summarise([ONE_RUN]),
    }


def test_the_report_draws_backlog_waits_and_utilisation_without_scripts() -> None:
    html = report_html(a_run())
    assert html.count("<svg") == 4
    assert "<script" not in html
    assert "Harlow &lt;&amp;&gt;" in html  # names are escaped


def test_empty_views_say_so_in_words() -> None:
    assert "No weeks" in backlog_svg([])
    assert "No case" in histogram_svg([])
    assert "No volunteers" in bars_svg({})


def test_waiting_days_of_unfinished_cases_count_in_the_p90() -> None:
    stuck = ONE_RUN | {"waits": [], "unfinished_waits": [40, 50]}
    assert summarise([stuck])["wait_days_p90"]["mean"] >= 40
