"""What a facilitator may change on their own record: when they are not available. The
record is always the signed-in facilitator's own (never an id from the request)."""

from __future__ import annotations

from collections.abc import Sequence

from service.errors import ForbiddenError, InputError
from service.store.uow import UnitOfWork
from service.workflow import facilitators
from service.workflow.auth import Principal, Role
from service.workflow.schemas.facilitators import FacilitatorOut, WindowIn

MAX_WINDOWS = 100


def own_id(who: Principal) -> str:
    """The signed-in facilitator's record id; 403 for anyone else."""
    if who.role is not Role.FACILITATOR or who.facilitator_id is None:
        raise ForbiddenError("only a facilitator login linked to its record has an own record")
    return who.facilitator_id


def mine(uow: UnitOfWork, who: Principal) -> FacilitatorOut:
    """My record (the read is audited like any other)."""
    return facilitators.get(uow, who, own_id(who))


def set_my_availability(
    uow: UnitOfWork, who: Principal, windows: Sequence[WindowIn]
) -> FacilitatorOut:
    """Replace my absences (audited as mine); the next proposal reads them."""
    if len(windows) > MAX_WINDOWS:
        msg = f"at most {MAX_WINDOWS} absences; remove some that are over"
        raise InputError.single("availability", "/unavailable", msg)
    return facilitators.set_availability(uow, who, own_id(who), windows)


def add_my_absence(uow: UnitOfWork, who: Principal, window: WindowIn) -> FacilitatorOut:
    """Add one absence to mine."""
    return set_my_availability(uow, who, [*mine(uow, who).unavailable, window])


def remove_my_absence(uow: UnitOfWork, who: Principal, number: int) -> FacilitatorOut:
    """Remove my absence `number` (1 = the first listed)."""
    current = mine(uow, who).unavailable
    if not 1 <= number <= len(current):
        msg = f"there is no absence number {number}; reload the page"
        raise InputError.single("availability", "/remove", msg)
    return set_my_availability(uow, who, current[: number - 1] + current[number:])
