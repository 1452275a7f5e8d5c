"""The service's users as an admin sees them: list, add, and who is signed in."""

from __future__ import annotations

from service.errors import NotFoundError
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal, create_user
from service.workflow.schemas.auth import UserIn, UserOut


def add(uow: UnitOfWork, admin: Principal, body: UserIn) -> UserOut:
    """Add a user with a role (audited) and commit."""
    user = create_user(
        uow, admin.username, body.username, body.password, body.role, body.facilitator_id
    )
    uow.commit()
    return UserOut.model_validate(user)


def listing(uow: UnitOfWork) -> list[UserOut]:
    """Every user and their role, by login name."""
    return [UserOut.model_validate(u) for u in uow.users.all()]


def me(uow: UnitOfWork, who: Principal) -> UserOut:
    """The signed-in user's own account."""
    user = uow.users.get(who.user_id)
    if user is None:  # removed since the token was read
        raise NotFoundError("user", who.username, "/headers/authorization")
    return UserOut.model_validate(user)
