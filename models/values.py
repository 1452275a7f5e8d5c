"""The edge vocabulary: what an id, a line of text, a free text, a day and a number may be.

Written once and read by every door (the API's bodies and parameters, the CLI, the CSV
importers, the interchange documents): each type checks its value with a message that says
the fix, and states its limits in the JSON schema (`pattern`, `maxLength`, the day window), so
the OpenAPI document says what the server accepts.

- an id (referral, case, facilitator, plan, run...): letters, digits, `.`, `_`, `-`, 1 to 64
  characters, and not `.` or `..` (it goes in a URL path and must read back);
- a line of text: no control characters at all; a free text: new lines and tabs only;
- a day: 2000-01-01 to 2100-12-31;
- a number: never a boolean (`true` is not 1) nor, in JSON, a string ("2.5" is not 2.5); a
  yes/no: only `true` or `false` (0 is not false), see `strict_scalar`. A file's cells and a
  page's form fields are text, so the importers and the pages validate with the TYPED_AS_TEXT
  context, which lets text stand for both.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

ID_MAX = 64
ID_PATTERN = (
    r"^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}"
    r"|\.[A-Za-z0-9_-][A-Za-z0-9._-]{0,62}"
    r"|\.\.[A-Za-z0-9._-]{1,62})$"
)
ID_RULE = "use letters, digits, '.', '_' and '-' (1 to 64 characters), not '.' or '..'"
LINE_PATTERN = r"^[^\x00-\x1F\x7F-\x9F]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"
OUTCODE_PATTERN = r"^[A-Za-z0-9]{2,4}$"
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
DAY_PATTERN = r"^(?:20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
"""A day of 2000-2100 as the schema states it: months 01-12, days 01-31 (so nearly every string
it describes is a date, and a generator from the schema need not throw most away)."""
DAY_RULE = f"give a day from {FIRST_DAY} to {LAST_DAY}"
INT32_MAX = 2_147_483_647

_ID = re.compile(ID_PATTERN)
_OUTCODE = re.compile(OUTCODE_PATTERN)


@dataclass(frozen=True)
class Documented:
    """Adds JSON-schema keywords (a pattern, the day window) to the schema of a type whose
    check is a validator with a plain-words message."""

    keywords: tuple[tuple[str, Any], ...]

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.update(dict(self.keywords))
        return json_schema


@dataclass(frozen=True)
class Checked(Documented):
    """A check (a function of models.values) and the JSON-schema keywords that state it, as
    one annotation: `Annotated[str, StringConstraints(max_length=64), ONE_LINE]`."""

    check: Callable[[Any], Any] = lambda v: v

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))


def documented(**keywords: Any) -> Documented:
    """The JSON-schema keywords of a type, e.g. `documented(pattern=ID_PATTERN)`."""
    return Documented(tuple(keywords.items()))


def check_id(value: str) -> str:
    """An id as the grammar allows, or ValueError saying the rule."""
    if not _ID.match(value):
        shown = value if len(value) <= ID_MAX else value[:ID_MAX] + "..."
        raise ValueError(f"{shown!r} is not an id: {ID_RULE}")
    return value


CONTROLS = "".join(chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)])
"""The C0 and C1 control characters and DEL (U+0000-U+001F, U+007F-U+009F)."""


@cache
def _controls_but(allowed: str) -> re.Pattern[str]:
    """One character class of the control characters not in `allowed`: a text is searched in
    C, not one character at a time in Python (a scenario's referrals check every line)."""
    return re.compile("[" + re.escape("".join(c for c in CONTROLS if c not in allowed)) + "]")


def _first_control(value: str, allowed: str) -> str | None:
    found = _controls_but(allowed).search(value)
    return found.group() if found else None


def check_line(value: str) -> str:
    """One line of text: no control characters at all."""
    return _no_control(value, "")


def check_text(value: str) -> str:
    """A free text: new lines and tabs are its only control characters."""
    return _no_control(value, "\n\r\t")


def _no_control(value: str, allowed: str) -> str:
    bad = _first_control(value, allowed)
    if bad is not None:
        where = "tabs, line breaks..." if not allowed else "NUL, escapes..."
        raise ValueError(f"remove the control character U+{ord(bad):04X} ({where}) from this text")
    return value


def check_outcode(value: str) -> str:
    """A postcode's outward code as written: 2 to 4 letters and digits."""
    if not _OUTCODE.match(value):
        raise ValueError(
            f"{value[:10]!r} is not an outcode: give 2 to 4 letters and digits, e.g. CM1"
        )
    return value


def check_day(value: dt.date) -> dt.date:
    """A day inside the service's window."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"{value} is out of range: {DAY_RULE}")
    return value


EntityId = Annotated[
    str,
    AfterValidator(check_id),
    documented(minLength=1, maxLength=ID_MAX, pattern=ID_PATTERN),
]
"""The id of any record: referral, case, facilitator, recruit, plan, proposal, run..."""

ONE_LINE = Checked((("pattern", LINE_PATTERN),), check_line)
"""One line of text: no control characters (check and schema in one annotation)."""
FREE_TEXT = Checked((("pattern", TEXT_PATTERN),), check_text)
"""A free text: new lines and tabs are its only control characters."""
_LINE = (ONE_LINE,)
_TEXT = (FREE_TEXT,)
Line32 = Annotated[str, StringConstraints(max_length=32, strip_whitespace=True), *_LINE]
Line40 = Annotated[str, StringConstraints(max_length=40, strip_whitespace=True), *_LINE]
Line60 = Annotated[str, StringConstraints(max_length=60, strip_whitespace=True), *_LINE]
Line64 = Annotated[str, StringConstraints(max_length=64, strip_whitespace=True), *_LINE]
Line100 = Annotated[str, StringConstraints(max_length=100, strip_whitespace=True), *_LINE]
Line200 = Annotated[str, StringConstraints(max_length=200, strip_whitespace=True), *_LINE]
Line254 = Annotated[str, StringConstraints(max_length=254, strip_whitespace=True), *_LINE]
Line300 = Annotated[str, StringConstraints(max_length=300, strip_whitespace=True), *_LINE]
Line1000 = Annotated[str, StringConstraints(max_length=1000, strip_whitespace=True), *_LINE]
Text500 = Annotated[str, StringConstraints(max_length=500), *_TEXT]
Text1000 = Annotated[str, StringConstraints(max_length=1000), *_TEXT]
Text2000 = Annotated[str, StringConstraints(max_length=2000), *_TEXT]
Secret = Annotated[str, StringConstraints(min_length=1, max_length=256), *_LINE]
"""A password or token as typed: one line, at most 256 characters."""
Name = Line64
"""A district, a prison, a venue, a policy: a name of at most 64 characters."""

Outcode = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(check_outcode),
    documented(minLength=2, maxLength=4, pattern=OUTCODE_PATTERN),
]
"""A postcode's outward code, e.g. CM1 (the gazetteer says whether it is known)."""

Day = Annotated[
    dt.date,
    AfterValidator(check_day),
    documented(
        pattern=DAY_PATTERN,
        formatMinimum=FIRST_DAY.isoformat(),
        formatMaximum=LAST_DAY.isoformat(),
    ),
]
"""Any day a record or a request of the service can be about: 2000-01-01 to 2100-12-31."""


TYPED_AS_TEXT = {"typed_as_text": True}
"""The validation context of text typed by a person, a file's cells (CSV, spreadsheet) or a
page's form fields: text may stand for a number or a yes/no there, as it may not in JSON."""


def strict_scalar(value: Any, annotation: Any, context: object = None) -> Any:
    """`value` unchanged, or ValueError when a JSON value has the wrong type for a number or a
    yes/no field: a boolean or a string for a number, anything but true/false for a yes/no.
    Under TYPED_AS_TEXT (a file's cells, a form's fields) strings may stand for both."""
    if not isinstance(value, str | int | float):  # bool is an int: None, days, lists pass
        return value
    number, yes_no = _kind(annotation)
    if isinstance(value, bool):
        if number:
            raise ValueError("give a number, not true or false")
        return value
    if isinstance(value, str):
        text_allowed = isinstance(context, dict) and context.get("typed_as_text")
        if number and not text_allowed:
            raise ValueError(f"give a number, not the text {value[:20]!r}")
        if yes_no and not text_allowed:
            raise ValueError("give true or false, not text")
        return value
    if yes_no:
        raise ValueError("give true or false, not a number")
    return value


_KINDS: dict[int, tuple[Any, bool, bool]] = {}


def _kind(annotation: Any) -> tuple[bool, bool]:
    """(a number field, a yes/no field) for a field's annotation, worked out once per
    annotation: every field of every model built runs strict_scalar (a worklist read builds
    some 570 models), and walking the typing of each was a sixth of a worklist read's CPU."""
    known = _KINDS.get(id(annotation))
    if known is None or known[0] is not annotation:  # the object is kept, so its id is its own
        known = _KINDS[id(annotation)] = (annotation, _is_number(annotation), _is_bool(annotation))
    return known[1], known[2]


def _is_bool(annotation: Any) -> bool:
    """True for bool, optional or annotated."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _is_bool(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_is_bool(a) for a in args)
    return annotation is bool


def _is_number(annotation: Any) -> bool:
    """True for int or float, optional or annotated, but never when bool is allowed."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _is_number(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_is_number(a) for a in args)
    return annotation in (int, float)
