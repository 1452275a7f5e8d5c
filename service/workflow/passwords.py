"""Passwords: the one policy every account's password meets, and the argon2 hashing.

The policy (OWASP ASVS 2.1): at least MIN_LENGTH characters and not one of the 30,000 most
common passwords. The list is the one the `zxcvbn` package (PyPI, MIT) ships, its
`frequency_lists` "passwords" list, compared without case.

Hashing is argon2 (argon2-cffi's defaults: 64 MiB and about 50-100 ms a hash). At most
`concurrent` hashes run at once in a process, so a burst of logins queues instead of taking
64 MiB each (20 concurrent bad logins once drove the server to 1.5 GB), and a check of an
unknown user spends the same hash work as a known one (no username oracle in the timing).
"""

from __future__ import annotations

import secrets
import threading
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from models import InputError

MIN_LENGTH = 12
MAX_LENGTH = 200
SOURCE = "user"


@cache
def common_passwords() -> frozenset[str]:
    """The common passwords refused, lowercased (loaded once, on first use)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def password_problem(password: str, username: str) -> str | None:
    """What is wrong with `password` for `username` under the policy, or None when it passes."""
    if len(password) < MIN_LENGTH:
        return f"use a password of at least {MIN_LENGTH} characters (a few words work well)"
    if len(password) > MAX_LENGTH:
        return f"use a password of at most {MAX_LENGTH} characters"
    if password.lower() in common_passwords():
        return "this password is one of the most common ones; choose another"
    if password.strip().lower() == username.strip().lower():
        return "the password must not be the username; choose another"
    return None


def require_policy(password: str, username: str, pointer: str = "/password") -> None:
    """Refuse (422 at the API, exit 2 at the CLI) a password that fails the policy."""
    problem = password_problem(password, username)
    if problem is not None:
        raise InputError.single(SOURCE, pointer, problem)


class PasswordHashing:
    """argon2 hashes and checks, at most `concurrent` at a time in this process."""

    def __init__(self, concurrent: int = 2, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._slots = threading.BoundedSemaphore(concurrent)
        self._dummy: str | None = None
        self._dummy_lock = threading.Lock()

    def hash(self, password: str) -> str:
        """The argon2 hash to store."""
        with self._slots:
            return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        """Whether `password` matches the `stored` hash. `stored` None (no such user, or a
        disabled one) checks against a hash of a random secret instead, so the answer costs
        the same work and is always False."""
        target = stored if stored is not None else self._dummy_hash()
        with self._slots:
            try:
                matched: bool = self._hasher.verify(target, password)
            except (VerificationError, InvalidHashError):
                matched = False
        return matched and stored is not None

    def _dummy_hash(self) -> str:
        with self._dummy_lock:
            if self._dummy is None:
                self._dummy = self.hash(secrets.token_urlsafe(32))
            return self._dummy


DEFAULT_HASHING = PasswordHashing()
"""The hashing of the CLI and the demo loader (the app makes its own from its settings)."""
