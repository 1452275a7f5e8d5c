"""The registers of places: neutral venues and prisons (service.workflow.venues)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select

from service.store import tables as t
from service.store.repositories import Repository


class PlaceRepository(Repository):
    def venue(self, venue_id: str) -> t.VenueRecord | None:
        """The venue with this id, or None."""
        return self.session.get(t.VenueRecord, venue_id)

    def venues(self, active_only: bool = False) -> Sequence[t.VenueRecord]:
        """Every venue (only those still booked when `active_only`), by id."""
        query = select(t.VenueRecord).order_by(t.VenueRecord.id)
        if active_only:
            query = query.where(t.VenueRecord.active.is_(True))
        return self.session.scalars(query).all()

    def venue_ids_taken(self, ids: Iterable[str]) -> set[str]:
        """Which of these venue ids are registered already."""
        wanted = list(set(ids))
        query = select(t.VenueRecord.id).where(t.VenueRecord.id.in_(wanted))
        return set(self.session.scalars(query).all())

    def prison(self, name: str) -> t.PrisonRecord | None:
        """The prison of this name, or None."""
        return self.session.get(t.PrisonRecord, name)

    def prisons(self, active_only: bool = False) -> Sequence[t.PrisonRecord]:
        """Every prison (only those still visited when `active_only`), by name."""
        query = select(t.PrisonRecord).order_by(t.PrisonRecord.name)
        if active_only:
            query = query.where(t.PrisonRecord.active.is_(True))
        return self.session.scalars(query).all()
