"""The service's users as an admin sees them: list, add, change role, disable, and who is
signed in. Every change is audited."""

from __future__ import annotations

from service.errors import ConflictError, InputError, NotFoundError
from service.store import tables as t
from service.store.uow import UnitOfWork
from service.workflow.audit import diff
from service.workflow.auth import Principal, Role, create_user
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


def change_role(
    uow: UnitOfWork, admin: Principal, username: str, role: Role, facilitator_id: str | None
) -> UserOut:
    """Give a user another role (audited); a facilitator login names its facilitator record.
    An admin cannot change their own role (another admin must), so the service always keeps
    an admin who can."""
    user = _existing(uow, username)
    if user.username == admin.username:
        raise ConflictError("/username", "you cannot change your own role; ask another admin")
    linked = facilitator_id if role is Role.FACILITATOR else None
    if role is Role.FACILITATOR and not linked:
        msg = "a facilitator login needs the facilitator's id"
        raise InputError.single("user", "/facilitator_id", msg)
    if linked is not None and uow.facilitators.get(linked) is None:
        raise NotFoundError("facilitator", linked, "/facilitator_id")
    before = {"role": user.role, "facilitator_id": user.facilitator_id}
    user.role, user.facilitator_id = role.value, linked
    changes = diff(before, {"role": user.role, "facilitator_id": user.facilitator_id})
    if changes:
        uow.audit.record(admin.username, "change_role", "user", user.username, changes)
    uow.commit()
    return UserOut.model_validate(user)


def set_active(uow: UnitOfWork, admin: Principal, username: str, active: bool) -> UserOut:
    """Disable a user (their tokens stop working at once: every request checks) or enable
    them again; audited. An admin cannot disable themselves."""
    user = _existing(uow, username)
    if user.username == admin.username and not active:
        raise ConflictError("/username", "you cannot disable yourself; ask another admin")
    if user.active != active:
        changes = {"active": {"from": user.active, "to": active}}
        uow.audit.record(
            admin.username, "enable" if active else "disable", "user", username, changes
        )
        user.active = active
    uow.commit()
    return UserOut.model_validate(user)


def _existing(uow: UnitOfWork, username: str) -> t.User:
    user = uow.users.by_username(username)
    if user is None:
        raise NotFoundError("user", username, "/path/username")
    return user


def one(uow: UnitOfWork, username: str) -> UserOut:
    """One user by login name; 404 naming the path."""
    return UserOut.model_validate(_existing(uow, username))
