"""Every YAML document is read within one set of limits (rules.yaml_limits): size, depth, no
anchors; a policy or scenario file past them is an InputError naming the limit, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import InputError
from rules import load_policy
from rules.yaml_limits import MAX_BYTES, MAX_DEPTH, load_yaml
from scenarios.sim_spec import load_scenario


def test_a_document_within_the_limits_loads() -> None:
    assert load_yaml("a: {b: [1, 2]}\n", "t") == {"a": {"b": [1, 2]}}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 9000 + "]" * 9000, f"deeper than {MAX_DEPTH}"),
        ("{a: " * 40 + "1" + "}" * 40, f"deeper than {MAX_DEPTH}"),
        ("x: " + "y" * MAX_BYTES, f"the limit is {MAX_BYTES}"),
        ("a: &x [1]\nb: *x\n", "anchors"),
        ("a: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_document_past_a_limit_is_refused(text: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml(text, "t", "/yaml")
    assert caught.value.errors[0].pointer == "/yaml"
    assert says in caught.value.errors[0].message


def test_a_policy_file_nested_9000_deep_is_a_policy_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("rules: " + "[" * 9000 + "]" * 9000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_policy(str(path))
    assert f"deeper than {MAX_DEPTH}" in caught.value.errors[0].message


def test_a_scenario_file_nested_9000_deep_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("scenario: " + "[" * 9000 + "]" * 9000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert f"deeper than {MAX_DEPTH}" in caught.value.errors[0].message
