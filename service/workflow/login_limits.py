"""Login rate limits: a lockout per account and per client address (OWASP ASVS 2.2.1).

Failed logins are counted in the store (table login_failures), not in memory, so the limit is
one across the worker processes of `rjplan serve --workers N` and across restarts: in memory,
N workers would give an attacker N times the tries, and a restart a fresh allowance. A failure
costs one small insert, next to the argon2 check it follows (about 100 ms).

Within the window (`login_lockout_minutes`), a username with `login_failures_per_account`
failures, or an address with `login_failures_per_address`, is refused with 429 and
Retry-After (the seconds until its oldest failure leaves the window) before any password is
checked, so a locked-out attacker costs no hashing. A username counts whether or not it exists
(no oracle), compared without case. A good login clears its username's failures (not the
address's). Times come from the unit of work's clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from service.config import Settings
from service.errors import TooManyRequestsError
from service.store.uow import UnitOfWork

POINTER = "/body/username"


@dataclass(frozen=True)
class LoginLimits:
    """How many failed logins, per account and per address, within how long a window."""

    per_account: int = 5
    per_address: int = 20
    window: dt.timedelta = dt.timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginLimits:
        """The limits the service is configured with."""
        return cls(
            per_account=settings.login_failures_per_account,
            per_address=settings.login_failures_per_address,
            window=dt.timedelta(minutes=settings.login_lockout_minutes),
        )


def account_subject(username: str) -> str:
    """The stored key of a username's failures (a hash: no mistyped name is kept)."""
    return _subject("account", username.strip().lower())


def address_subject(address: str) -> str:
    """The stored key of a client address's failures (a hash: no address is kept)."""
    return _subject("ip", address)


def _subject(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def refuse_when_locked(uow: UnitOfWork, limits: LoginLimits, username: str, address: str) -> None:
    """Raise 429 (with the seconds to wait) when the username or the address is locked out."""
    now = uow.clock.now()
    since = now - limits.window
    checks = (
        (account_subject(username), limits.per_account, "this username"),
        (address_subject(address), limits.per_address, "this address"),
    )
    for subject, most, who in checks:
        failures = uow.login_failures.since(subject, since)
        if len(failures) >= most:
            free_at = failures[len(failures) - most] + limits.window
            wait = max(1, math.ceil((free_at - now).total_seconds()))
            minutes = math.ceil(wait / 60)
            raise TooManyRequestsError(
                POINTER,
                f"too many failed logins from {who}; try again in {minutes} minute(s)",
                wait,
            )


def record_failure(uow: UnitOfWork, limits: LoginLimits, username: str, address: str) -> None:
    """Count a failed login against the username and the address (and drop failures older than
    the window), committed at once."""
    now = uow.clock.now()
    uow.login_failures.forget(before=now - limits.window)
    uow.login_failures.record((account_subject(username), address_subject(address)), now)
    uow.commit()


def clear_account(uow: UnitOfWork, username: str) -> None:
    """A good login: its username's failures no longer count (committed with the login)."""
    uow.login_failures.forget(subject=account_subject(username))
