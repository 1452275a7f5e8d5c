"""The limits of every YAML document rjplan reads (policies, timeliness standards, scenarios),
checked before it is built: its size, its nesting depth, and no anchors or aliases.

PyYAML builds nested documents recursively: a file nested 9,000 deep ends in RecursionError,
and a few lines of anchors and aliases expand to gigabytes. The scanner reads tokens without
recursion, so the depth and the anchors are found from the tokens first, in one place, and the
answer is an InputError naming the limit.
"""

from __future__ import annotations

from typing import Any

import yaml

from models import FieldError, InputError

MAX_BYTES = 256_000
"""The largest YAML document read (a shipped policy is about 10 kB, a scenario 2 kB)."""
MAX_DEPTH = 32
"""The deepest nesting of mappings and lists (the shipped documents use 6)."""

_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def check_yaml(text: str, source: str, pointer: str = "") -> None:
    """Raise InputError at `pointer` when `text` is over MAX_BYTES, nested deeper than
    MAX_DEPTH, uses anchors or aliases, or cannot be scanned."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        _refuse(source, pointer, f"the document is {size} bytes; the limit is {MAX_BYTES}")
    depth = 0
    try:
        for token in yaml.scan(text):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                _refuse(source, pointer, "remove YAML anchors (&) and aliases (*)")
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    line = token.start_mark.line + 1
                    msg = f"nested deeper than {MAX_DEPTH} levels at line {line}; flatten it"
                    _refuse(source, pointer, msg)
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError as exc:
        _refuse(source, pointer, f"not valid YAML: {exc}")


def load_yaml(text: str, source: str, pointer: str = "") -> Any:
    """The data of a YAML text within the limits (check_yaml), or InputError at `pointer`."""
    check_yaml(text, source, pointer)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        _refuse(source, pointer, f"not valid YAML: {exc}")


def _refuse(source: str, pointer: str, message: str) -> Any:
    raise InputError(source, [FieldError(pointer, message)])
