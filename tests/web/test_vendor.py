"""The vendored front-end files are exactly those `make vendor` fetched: every file listed in its
folder's SHA256SUMS with a matching sum, nothing unlisted, and nothing of the GOV.UK brand."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDORED = [
    ROOT / "service/web/static/vendor",
    ROOT / "tests/web/vendor",
    ROOT / "service/api/static/vendor",
]


def listed(folder: Path) -> dict[str, str]:
    """File name -> sha256 from the folder's SHA256SUMS (sha256sum's own format)."""
    sums = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    return sums


@pytest.mark.parametrize("folder", VENDORED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_vendored_file_matches_its_checksum(folder: Path) -> None:
    sums = listed(folder)
    on_disk = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }
    assert on_disk == set(sums), "run make vendor: files and SHA256SUMS disagree"
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_the_pages_carry_no_gov_uk_font_or_crown() -> None:
    css = (VENDORED[0] / "govuk-frontend/govuk-frontend.min.css").read_text()
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "system-ui" in css
    names = {p.name for p in VENDORED[0].rglob("*")}
    assert not any(n.endswith((".woff", ".woff2")) or "crest" in n for n in names)


def test_htmx_is_a_2_0_release() -> None:
    assert "htmx.org@2.0." in (VENDORED[0] / "VERSIONS").read_text()
