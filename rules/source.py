"""Reading a policy file as YAML nodes, so that every error names its file, line and fix.

Parsing never stops at the first problem: errors are collected in a `Problems` list and raised
together as one `PolicyError`, so a manager can fix a whole file in one pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from models import FieldError, InputError
from rules.yaml_limits import check_yaml


class PolicyError(InputError):
    """A policy that cannot be used: names the file, the line of each problem and the fix."""


@dataclass(frozen=True)
class At:
    """A place in a policy file: its line (1-based) and the path of keys leading to it."""

    line: int
    path: str

    def key(self, name: str | int, node: yaml.Node) -> At:
        """The place of a child node."""
        child = f"{self.path}[{name}]" if isinstance(name, int) else f"{self.path}.{name}"
        return At(node.start_mark.line + 1, child.lstrip("."))


Entry = tuple[yaml.Node, At]  # a node and its place


@dataclass
class Problems:
    """The errors found in one policy file so far."""

    source: str
    errors: list[FieldError] = field(default_factory=list)

    def add(self, at: At, message: str) -> None:
        """Record one problem at one place."""
        self.errors.append(FieldError(f"line {at.line}: {at.path or '(top)'}", message))

    def raise_if_any(self) -> None:
        """Raise every problem recorded, as one PolicyError."""
        if self.errors:
            raise PolicyError(self.source, self.errors)


def compose(text: str, source: str) -> tuple[yaml.Node, yaml.SafeLoader]:
    """The root node of a YAML text, and the loader that can construct its scalars."""
    try:
        check_yaml(text, source, "line 1")
    except InputError as exc:
        raise PolicyError(source, exc.errors) from None
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        msg = f"not valid YAML: {exc.problem}; check indentation, colons and quotes"
        raise PolicyError(source, [FieldError(f"line {line}", msg)]) from None
    except yaml.YAMLError as exc:
        raise PolicyError(source, [FieldError("", f"not valid YAML: {exc}")]) from None
    if root is None:
        raise PolicyError(source, [FieldError("line 1", "the file is empty; write a policy")])
    return root, loader


def scalar(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    """The Python value of a scalar node (str, bool, int, float, date or None)."""
    return loader.construct_object(node, deep=True)


def mapping(
    node: yaml.Node, at: At, problems: Problems, allowed: Iterable[str] | None = None
) -> dict[str, Entry] | None:
    """The entries of a mapping node by key, refusing duplicate and (if given) unknown keys."""
    if not isinstance(node, yaml.MappingNode):
        problems.add(at, "expected a mapping of `key: value` lines here")
        return None
    known = list(allowed) if allowed is not None else None
    out: dict[str, Entry] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        where = at.key(str(key), key_node)
        if not isinstance(key, str):
            problems.add(where, "keys must be plain words")
        elif key in out:
            problems.add(where, f"{key!r} is given twice; keep one")
        elif known is not None and key not in known:
            problems.add(where, f"unknown key {key!r}; {did_you_mean(key, known)}")
        else:
            out[key] = (value_node, where)
    return out


def sequence(node: yaml.Node, at: At, problems: Problems) -> list[Entry] | None:
    """The items of a list node with their places."""
    if not isinstance(node, yaml.SequenceNode):
        problems.add(at, "expected a list here (lines starting with '- ', or [a, b])")
        return None
    return [(item, at.key(i, item)) for i, item in enumerate(node.value)]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A fix for an unknown name: the closest known ones, or the full list."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "use one of " + ", ".join(options)
