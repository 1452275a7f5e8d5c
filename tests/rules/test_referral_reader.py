"""Reading referrals from JSON and CSV: every bad referral named by index or row and column."""

from __future__ import annotations

import pytest

import rules
from models import DocumentError
from tests.rules.builders import a_referral_doc

HEADER = (
    "id,received,referrer.organisation,route,case_type,flags.domestic_abuse,court,"
    "youth.under_18,youth.youth_justice,consent.victim,consent.perpetrator,"
    "responsibility_accepted,restorative_element,district,location.outcode,"
    "parties.0.role,parties.0.prison,parties.1.role,parties.1.prison"
)
GOOD = (
    "A1,2026-11-01,police,community_resolution,low_level_crime,false,none,false,false,"
    "true,true,true,true,Chelmsford,CM1,victim,,perpetrator,HMP Chelmsford"
)


def a_csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_a_csv_row_becomes_a_referral_with_nested_fields_and_parties() -> None:
    batch = rules.parse_referral_csv(a_csv(GOOD), "in.csv")
    assert batch.errors == []
    ((place, referral),) = batch.referrals
    assert place == "row 2"
    assert referral.consent.victim is True
    assert referral.prisons == ["HMP Chelmsford"]
    assert [p.prison for p in referral.parties] == [None, "HMP Chelmsford"]


def test_a_blank_cell_is_null_where_the_field_may_be_unknown() -> None:
    row = GOOD.replace("true,true,true,true,Chelmsford", ",true,,true,Chelmsford")
    ((_, referral),) = rules.parse_referral_csv(a_csv(row), "in.csv").referrals
    assert referral.consent.victim is None
    assert referral.responsibility_accepted is None


def test_a_blank_required_cell_is_an_error_never_a_default() -> None:
    row = GOOD.replace("false,none,false,false,", "false,none,false,,")
    batch = rules.parse_referral_csv(a_csv(row), "in.csv")
    assert [str(e) for e in batch.errors] == [
        "row 2, column youth.youth_justice: required field is missing; add it"
    ]


def test_every_bad_row_is_reported_and_good_rows_are_still_read() -> None:
    bad_bool = GOOD.replace("A1", "A2").replace("low_level_crime,false", "low_level_crime,maybe")
    bad_enum = GOOD.replace("A1", "A3").replace("police", "polis")
    batch = rules.parse_referral_csv(a_csv(GOOD, bad_bool, bad_enum), "in.csv")
    assert [r.id for _, r in batch.referrals] == ["A1"]
    pointers = [e.pointer for e in batch.errors]
    assert pointers == ["row 3, column flags.domestic_abuse", "row 4, column referrer.organisation"]
    assert "write true or false" in batch.errors[0].message


def test_a_row_with_more_cells_than_columns_is_refused() -> None:
    batch = rules.parse_referral_csv(a_csv(GOOD + ",extra"), "in.csv")
    assert batch.errors[0].pointer == "row 2"


def test_a_misspelt_column_is_refused_rather_than_ignored() -> None:
    header = HEADER.replace("flags.domestic_abuse", "flags.domestic_abuze")
    with pytest.raises(DocumentError) as caught:
        rules.parse_referral_csv(a_csv(GOOD, header=header), "in.csv")
    assert [str(e) for e in caught.value.errors] == [
        "row 1, column flags.domestic_abuze: unknown column; did you mean 'flags.domestic_abuse'?"
    ]


def test_an_unrelated_extra_column_is_ignored() -> None:
    batch = rules.parse_referral_csv(a_csv(GOOD + ",x", header=HEADER + ",notes"), "in.csv")
    assert batch.errors == []


def test_a_json_list_reports_each_bad_item_by_index() -> None:
    bad = a_referral_doc(id="R-2", consent={"victim": "perhaps", "perpetrator": True})
    batch = rules.parse_referral_json([a_referral_doc(), bad], "in.json")
    assert [p for p, _ in batch.referrals] == ["/0"]
    assert [e.pointer for e in batch.errors] == ["/1/consent/victim"]


def test_a_referral_from_an_unknown_district_is_held_back_with_its_row() -> None:
    row = GOOD.replace("Chelmsford,CM1", "Chelmsfrod,CM1")
    batch = rules.parse_referral_csv(a_csv(GOOD.replace("A1", "A0"), row), "in.csv")
    kept = batch.screenable_by(rules.load_policy("essex-2015"))
    assert [r.id for _, r in kept.referrals] == ["A0"]
    assert [e.pointer for e in kept.errors] == ["row 3, column district"]


def test_carriage_returns_end_rows_and_never_break_the_reader() -> None:
    old_mac = rules.parse_referral_csv(a_csv(GOOD).replace("\n", "\r"), "in.csv")
    assert [r.id for _, r in old_mac.referrals] == ["A1"]
    assert not old_mac.errors
    stray = rules.parse_referral_csv(a_csv(GOOD.replace("police", "pol\rice")), "in.csv")
    assert not stray.referrals
    assert {e.pointer.split(",")[0] for e in stray.errors} == {"row 2", "row 3"}


def test_text_the_csv_reader_cannot_read_is_a_document_error() -> None:
    with pytest.raises(DocumentError) as caught:
        rules.parse_referral_csv(a_csv('"' + "x" * 200_000 + '"'), "in.csv")
    assert "cannot read this row as CSV" in str(caught.value.errors[0])
