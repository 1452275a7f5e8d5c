"""The annual review's own words: the aims a manager writes for a service year, and the
feedback quotes they choose for it from the year's comments (participants' evaluations and
referrers' feedback). A quote is printed without names: the names of the case's parties and
facilitators are taken out of it before it is shown or stored, and who said it is told by
role only ("A person harmed"). Staff read them in the review; managers and admins write."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from models.casefile import PartyRole
from models.values import Text1000, Text2000
from service.errors import InputError, NotFoundError
from service.store import review
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import read_personal
from service.workflow.auth import STAFF, Principal, Role
from service.workflow.reports import service_year
from service.workflow.schemas.reports import QuoteCandidate, ReviewQuoteOut, ReviewWords

ENTITY = "annual_review"
WRITERS = frozenset({Role.MANAGER, Role.ADMIN})
NAME = "[name]"
SPEAKERS = {
    PartyRole.HARMED.value: "A person harmed",
    PartyRole.RESPONSIBLE.value: "A person responsible",
    PartyRole.SUPPORTER.value: "A supporter",
}
REFERRER = "A referrer"
Source = Literal["evaluation", "referrer"]
_AIMS: TypeAdapter[str] = TypeAdapter(Text2000)
_QUOTE: TypeAdapter[str] = TypeAdapter(Text1000)


def year_of(day: dt.date) -> int:
    """The service year (April-March) holding `day`, named by the year it starts."""
    return service_year(day)[0].year


def without_names(text: str, names: Iterable[str]) -> str:
    """The text with each name, and each word of a name of three letters or more, replaced by
    [name] (whole words, any case): the full names first, so "Sam Jones" is one [name]."""
    parts = [n.strip() for n in names if n and n.strip()]
    words = {w for n in parts for w in re.findall(r"[^\W\d_][\w'-]*", n) if len(w) >= 3}
    for name in sorted(set(parts) | words, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME, text, flags=re.IGNORECASE)
    return text


def words(uow: UnitOfWork, who: Principal, year: int) -> ReviewWords:
    """The aims and the chosen quotes of the year, as printed."""
    who.require(STAFF, "reading the annual review")
    aims = review.aims(uow.session, year)
    quotes = [
        ReviewQuoteOut(id=q.id, speaker=q.speaker, text=uow.cipher.open(q.text))
        for q in review.quotes(uow.session, year)
    ]
    return ReviewWords(year=year, aims=aims.text if aims else None, quotes=quotes)


def set_aims(uow: UnitOfWork, who: Principal, year: int, text: str) -> ReviewWords:
    """Write the year's aims (empty: none); audited."""
    who.require(WRITERS, "writing the annual review")
    try:
        text = _AIMS.validate_python(text).strip()
    except ValidationError:
        raise InputError.single(ENTITY, "/body/aims", "at most 2,000 characters of text") from None
    row = review.aims(uow.session, year)
    if not text:
        if row is not None:
            uow.session.delete(row)
    elif row is None:
        uow.session.add(t.ReviewAims(year=year, text=text, set_by=who.username,
                                     set_at=uow.clock.now()))  # fmt: skip
    else:
        row.text, row.set_by, row.set_at = text, who.username, uow.clock.now()
    uow.audit.record(who.username, "set", ENTITY, f"aims:{year}", {"fields": ["aims"]})
    uow.commit()
    return words(uow, who, year)


def candidates(uow: UnitOfWork, who: Principal, year: int) -> list[QuoteCandidate]:
    """The year's feedback comments, names taken out, oldest first; the read is audited."""
    who.require(WRITERS, "choosing quotes for the annual review")
    first, last = service_year(dt.date(year, 4, 1))
    chosen = {(q.source, q.source_id) for q in review.quotes(uow.session, year)}
    found: list[QuoteCandidate] = []
    for e, role in review.evaluations_with_comments(uow.session, first, last):
        speaker = SPEAKERS.get(role, "A participant")
        found.append(_candidate(uow, "evaluation", e.id, e.case_id, e.received_on, speaker,
                                e.comments, chosen))  # fmt: skip
    for f in review.referrer_feedback_with_comments(uow.session, first, last):
        found.append(_candidate(uow, "referrer", f.id, f.case_id, f.received_on, REFERRER,
                                f.comments, chosen))  # fmt: skip
    if found:
        read_personal(uow, who, "feedback", f"year:{year}", ["comments"])
        uow.commit()
    return sorted(found, key=lambda c: (c.received_on, c.source, c.source_id))


def _candidate(
    uow: UnitOfWork,
    source: Source,
    sid: int,
    cid: str,
    received: dt.date,
    speaker: str,
    sealed: str | None,
    chosen: set[tuple[str, int]],
) -> QuoteCandidate:
    text = without_names(uow.cipher.open_optional(sealed) or "", _names(uow, cid))
    return QuoteCandidate(source=source, source_id=sid, speaker=speaker, received_on=received,
                          text=text, chosen=(source, sid) in chosen)  # fmt: skip


def _names(uow: UnitOfWork, cid: str) -> list[str]:
    details, facilitators = review.names_on_case(uow.session, cid)
    names = [str(uow.cipher.open_json(d).get("name", "")) for d in details]
    return names + [uow.cipher.open(n) for n in facilitators]


def choose(
    uow: UnitOfWork, who: Principal, year: int, source: str, sid: int, text: str
) -> ReviewWords:
    """Quote a comment of the year in its review, as the manager edited it (empty: as it
    is), the names of its case taken out; choosing it again replaces the text. Audited."""
    found: dict[tuple[str, int], QuoteCandidate] = {
        (c.source, c.source_id): c for c in candidates(uow, who, year)
    }
    picked = found.get((source, sid))
    if picked is None:
        raise NotFoundError("feedback comment", f"{source}:{sid} of {year}", "/body/source_id")
    try:
        edited = _QUOTE.validate_python(text).strip()
    except ValidationError:
        raise InputError.single(ENTITY, "/body/text", "at most 1,000 characters of text") from None
    case_id = _case_of(uow, source, sid)
    final = without_names(edited or picked.text, _names(uow, case_id))
    row = review.quote(uow.session, year, source, sid)
    if row is None:
        row = t.ReviewQuote(year=year, source=source, source_id=sid, speaker=picked.speaker,
                            text="", chosen_by=who.username, chosen_at=uow.clock.now())  # fmt: skip
        uow.session.add(row)
    row.text, row.chosen_by, row.chosen_at = uow.cipher.seal(final), who.username, uow.clock.now()
    uow.audit.record(who.username, "quote", ENTITY, f"{year}:{source}:{sid}", {"fields": ["text"]})
    uow.commit()
    return words(uow, who, year)


def _case_of(uow: UnitOfWork, source: str, sid: int) -> str:
    row: t.Evaluation | t.ReferrerFeedback | None = (
        uow.session.get(t.Evaluation, sid)
        if source == "evaluation"
        else uow.session.get(t.ReferrerFeedback, sid)
    )
    if row is None:
        raise NotFoundError("feedback comment", f"{source}:{sid}", "/body/source_id")
    return row.case_id


def unquote(uow: UnitOfWork, who: Principal, year: int, quote_id: int) -> ReviewWords:
    """Take a quote out of the year's review; audited."""
    who.require(WRITERS, "choosing quotes for the annual review")
    row = uow.session.get(t.ReviewQuote, quote_id)
    if row is None or row.year != year:
        raise NotFoundError("quote", str(quote_id), "/body/quote")
    uow.session.delete(row)
    uow.audit.record(who.username, "unquote", ENTITY, f"{year}:{row.source}:{row.source_id}", {})
    uow.commit()
    return words(uow, who, year)
