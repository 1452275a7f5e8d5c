"""Users, roles and login tokens. Passwords meet one policy and are hashed with argon2
(service.workflow.passwords); logins are rate-limited (service.workflow.login_limits); tokens are
stored hashed."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from service.errors import (
    ConflictError,
    ForbiddenError,
    InputError,
    NotFoundError,
    UnauthorizedError,
)
from service.store import queries
from service.store import tables as t
from service.store.readers import Reader
from service.store.uow import UnitOfWork
from service.workflow import login_limits
from service.workflow.login_limits import LoginLimits
from service.workflow.passwords import DEFAULT_HASHING, PasswordHashing, require_policy


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    MANAGER = "manager"
    FACILITATOR = "facilitator"


STAFF = frozenset({Role.ADMIN, Role.COORDINATOR, Role.MANAGER})
PLANNERS = frozenset({Role.ADMIN, Role.COORDINATOR})


@dataclass(frozen=True)
class Principal:
    """Who is making a request: enough to check roles and write the audit log."""

    user_id: int
    username: str
    role: Role
    facilitator_id: str | None

    def require(self, roles: frozenset[Role], doing: str) -> None:
        """Refuse (403) unless this user has one of `roles`."""
        if self.role not in roles:
            allowed = ", ".join(sorted(roles))
            raise ForbiddenError(f"{doing} needs one of the roles {allowed}; you are {self.role}")


@dataclass(frozen=True)
class LoginGate:
    """What every login goes through: the process's hashing (its concurrency cap) and the
    lockout limits. The app makes one from its settings; the doors pass it to `login`."""

    hashing: PasswordHashing
    limits: LoginLimits


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: dt.datetime
    principal: Principal


def hash_token(token: str) -> str:
    """Tokens are random, so a fast hash is enough: a stolen table reveals no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    uow: UnitOfWork,
    actor: str,
    username: str,
    password: str,
    role: Role,
    facilitator_id: str | None = None,
    hashing: PasswordHashing = DEFAULT_HASHING,
) -> t.User:
    """Add a user (audited) whose password meets the policy; a facilitator user must name
    their facilitator record; a username is taken whatever its case."""
    require_policy(password, username)
    if role is Role.FACILITATOR and not facilitator_id:
        raise InputError.single(
            "user", "/facilitator_id", "a facilitator login needs the facilitator's id"
        )
    if facilitator_id is not None and uow.facilitators.get(facilitator_id) is None:
        raise NotFoundError("facilitator", facilitator_id, "/facilitator_id")
    if (taken := uow.users.by_username(username)) is not None:
        raise ConflictError("/username", f"user {taken.username!r} exists; choose another name")
    user = t.User(
        username=username,
        password_hash=hashing.hash(password),
        role=role.value,
        facilitator_id=facilitator_id,
        active=True,
        created_at=uow.clock.now(),
    )
    uow.users.add(user)
    changes = {"role": role.value, "facilitator_id": facilitator_id}
    uow.audit.record(actor, "create", "user", username, changes)
    return user


def set_password(
    uow: UnitOfWork,
    actor: str,
    username: str,
    password: str,
    hashing: PasswordHashing = DEFAULT_HASHING,
) -> t.User:
    """Give a user a new password that meets the policy (audited, not committed); their
    tokens are revoked, so every session signs in again."""
    user = uow.users.by_username(username)
    if user is None:
        raise NotFoundError("user", username, "/username")
    require_policy(password, user.username)
    user.password_hash = hashing.hash(password)
    uow.tokens.revoke_all(user.id, uow.clock.now())
    uow.audit.record(actor, "set_password", "user", user.username, {"password": {"changed": True}})
    return user


def login(
    uow: UnitOfWork, gate: LoginGate, username: str, password: str, address: str, ttl: dt.timedelta
) -> IssuedToken:
    """Check the password and issue a new token; the same message for any failure, the same
    hash work for an unknown or disabled user, and 429 while the username or the client
    `address` is locked out (login_limits)."""
    login_limits.refuse_when_locked(uow, gate.limits, username, address)
    found = uow.users.by_username(username)
    user = found if found is not None and found.active else None
    matched = gate.hashing.verify(user.password_hash if user else None, password)
    if user is None or not matched:
        login_limits.record_failure(uow, gate.limits, username, address)
        raise UnauthorizedError("unknown user or wrong password")
    login_limits.clear_account(uow, username)
    token = secrets.token_urlsafe(32)
    now = uow.clock.now()
    row = t.Token(
        user_id=user.id, token_hash=hash_token(token), created_at=now, expires_at=now + ttl
    )
    uow.tokens.add(row)
    uow.commit()
    return IssuedToken(token, row.expires_at, _principal(user))


async def authenticate(reader: Reader, token: str, now: dt.datetime) -> Principal:
    """The user behind a bearer token at `now` (naive UTC); 401 when unknown, revoked or
    expired, or the user is disabled. One query on every request, so a logout or a disabled
    user counts at once."""
    row = await queries.principal(reader, hash_token(token))
    if row is None or row.revoked_at is not None:
        raise UnauthorizedError("the token is unknown or was revoked; log in again")
    if row.expires_at <= now:
        raise UnauthorizedError("the token has expired; log in again")
    if not row.active:
        raise UnauthorizedError("the user of this token is disabled")
    return Principal(row.id, row.username, Role(row.role), row.facilitator_id)


def revoke(uow: UnitOfWork, token: str) -> None:
    """Revoke a token at once (logout)."""
    row = uow.tokens.by_hash(hash_token(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = uow.clock.now()
        uow.commit()


def _principal(user: t.User) -> Principal:
    return Principal(user.id, user.username, Role(user.role), user.facilitator_id)
