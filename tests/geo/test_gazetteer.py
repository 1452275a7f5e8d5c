"""The embedded gazetteer: every shipped outcode, district and prison can be found."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo import Gazetteer, UnknownPlaceError, default_gazetteer, outward_code
from geo.gazetteer import DATA_DIR


def column(file: str, name: str) -> list[str]:
    with (DATA_DIR / file).open(newline="", encoding="utf-8") as handle:
        return [row[name] for row in csv.DictReader(handle)]


OUTCODES = sorted(
    set(column("essex_outcodes.csv", "outcode") + column("essex_outcodes_extended.csv", "outcode"))
)
DISTRICTS = column("essex_districts.csv", "district")


@pytest.mark.parametrize("code", OUTCODES)
def test_every_shipped_outcode_resolves_to_its_own_centroid(code: str) -> None:
    found = default_gazetteer().outcode(code)
    assert found.code == code
    assert 51.2 < found.lat < 52.6
    assert -0.3 < found.lon < 1.4


def test_the_extended_outcode_file_agrees_with_the_plain_one_on_coordinates() -> None:
    gazetteer = default_gazetteer()
    lats = column("essex_outcodes_extended.csv", "lat")
    for code, lat in zip(column("essex_outcodes_extended.csv", "outcode"), lats, strict=True):
        assert gazetteer.outcode(code).lat == pytest.approx(float(lat))


def test_every_outcode_a_district_lists_is_known() -> None:
    gazetteer = default_gazetteer()
    listed = {c for d in gazetteer.districts.values() for c in d.outcodes}
    assert listed
    assert all(gazetteer.outcode(c).code == c for c in listed)


def test_the_fourteen_districts_of_greater_essex_all_resolve() -> None:
    gazetteer = default_gazetteer()
    assert len(DISTRICTS) == 14
    for name in DISTRICTS:
        assert gazetteer.district(name).name == name
        assert gazetteer.district(name.upper()).name == name


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("HMP Chelmsford", "HMP/YOI Chelmsford"),
        ("HMP/YOI Chelmsford", "HMP/YOI Chelmsford"),
        ("HMP Highpoint (North & South)", "HMP Highpoint (North & South)"),
        ("HMP Norwich", "HMP/YOI Norwich"),
        ("HMP & YOI Hollesley Bay", "HMP & YOI Hollesley Bay"),
        ("HMP Hollesley Bay", "HMP & YOI Hollesley Bay"),
        ("HMP Highpoint", "HMP Highpoint (North & South)"),
        ("hmp bronzefield", "HMP/YOI Bronzefield"),
    ],
)
def test_a_prison_is_found_by_its_short_name(asked: str, found: str) -> None:
    assert default_gazetteer().prison(asked).name == found


def test_an_unknown_prison_lists_the_known_ones() -> None:
    with pytest.raises(UnknownPlaceError, match="HMP/YOI Chelmsford"):
        default_gazetteer().prison("HMP Nowhere")


@pytest.mark.parametrize(
    ("given", "outward"),
    [("cm1", "CM1"), (" CM2 6LQ ", "CM2"), ("CM26LQ", "CM2"), ("SS99", "SS99"), ("CB8 9YG", "CB8")],
)
def test_a_full_postcode_is_reduced_to_its_outcode(given: str, outward: str) -> None:
    assert outward_code(given) == outward


def test_the_chelmsford_prison_postcode_resolves_to_its_outcode_centroid() -> None:
    gazetteer = default_gazetteer()
    assert gazetteer.outcode("CM2 6LQ") == gazetteer.outcode("CM2")


def test_an_unknown_outcode_suggests_outcodes_of_the_same_area() -> None:
    with pytest.raises(UnknownPlaceError) as caught:
        default_gazetteer().outcode("CM55", source="people.json", pointer="/home/outcode")
    error = caught.value.errors[0]
    assert caught.value.source == "people.json"
    assert error.pointer == "/home/outcode"
    assert "'CM55'" in error.message
    assert "CM5" in error.message


def test_locate_finds_an_outcode_a_district_or_a_prison() -> None:
    gazetteer = default_gazetteer()
    cm1 = gazetteer.outcode("CM1")
    assert gazetteer.locate("cm1") == (cm1.lat, cm1.lon)
    tendring = gazetteer.district("Tendring")
    assert gazetteer.locate("Tendring") == (tendring.lat, tendring.lon)
    chelmsford = gazetteer.prison("HMP/YOI Chelmsford")
    assert gazetteer.locate("HMP Chelmsford") == (chelmsford.lat, chelmsford.lon)


def test_locate_names_the_pointer_of_an_unknown_place() -> None:
    with pytest.raises(UnknownPlaceError) as caught:
        default_gazetteer().locate("Atlantis", source="venues.csv", pointer="/rows/2/town")
    assert caught.value.errors[0].pointer == "/rows/2/town"


def test_every_example_venue_lies_in_a_known_district() -> None:
    gazetteer = default_gazetteer()
    assert gazetteer.venues
    for venue in gazetteer.venues.values():
        assert venue.synthetic
        assert gazetteer.district(venue.district).name == venue.district


def test_a_folder_without_road_files_gives_an_empty_road_network(tmp_path: Path) -> None:
    for name in ("essex_outcodes.csv", "essex_districts.csv", "prisons.csv", "venues_example.csv"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"))
    assert Gazetteer(tmp_path).roads.size == 0
