"""The HTML report: self-contained, with a chart for each view, and plain text when empty."""

from __future__ import annotations

import re

from scenarios.sim_charts import backlog_svg, bars_svg, histogram_svg
from scenarios.sim_report import report_html
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
    assert "<?xml" not in html  # each chart is inlined as an element, not pasted as a file
    assert "Harlow &lt;&amp;&gt;" in html  # names are escaped


def test_the_report_fetches_nothing_from_outside_the_page() -> None:
    html = report_html(a_run())
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    assert "url(http" not in html
    assert "@import" not in html


def test_the_same_run_draws_the_same_report_byte_for_byte() -> None:
    assert report_html(a_run()) == report_html(a_run())


def test_each_histogram_bin_and_utilisation_group_is_a_bar_of_its_own() -> None:
    bins = [{"from": 0, "to": 7, "share": 0.5}, {"from": 7, "to": 14, "share": 0.5}]
    histogram = histogram_svg(bins)
    assert [histogram.count(f'id="bin-{i}"') for i in range(3)] == [1, 1, 0]
    groups = {
        "Basildon": {"mean": 0.4, "low": 0.3, "high": 0.5},
        "Colchester": {"mean": 0.8, "low": 0.6, "high": 0.9},
    }
    bars = bars_svg(groups)
    assert [bars.count(f'id="group-{i}"') for i in range(3)] == [1, 1, 0]
    assert ">Basildon</text>" in bars  # labels stay text, not glyph outlines
    assert ">Colchester</text>" in bars
    assert ">80%</text>" in bars  # each bar is labelled with its mean


def test_the_backlog_chart_labels_its_axes_in_words_and_counts_whole_weeks() -> None:
    svg = backlog_svg([{"mean": 2.0, "low": 1.0, "high": 3.0}] * 3)
    assert "aria-label='waiting cases by week: mean and 90% interval'" in svg
    assert ">week</text>" in svg
    assert ">cases waiting</text>" in svg
    assert ">2</text>" in svg  # the last week's tick
    assert ">0.5</text>" not in svg  # no half weeks, no half cases


def test_empty_views_say_so_in_words() -> None:
    assert "No weeks" in backlog_svg([])
    assert "No case" in histogram_svg([])
    assert "No volunteers" in bars_svg({})


def test_waiting_days_of_unfinished_cases_count_in_the_p90() -> None:
    stuck = ONE_RUN | {"waits": [], "unfinished_waits": [40, 50]}
    assert summarise([stuck])["wait_days_p90"]["mean"] >= 40
