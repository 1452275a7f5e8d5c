"""Errors of the service layer. The API turns each into one HTTP status in one handler.

Every error names the field at fault as a JSON pointer (into the body, a path parameter or a
header) and says what to do, like models.InputError does for documents.
"""

from __future__ import annotations

from models import FieldError, InputError


class ServiceError(Exception):
    """A request the service refuses; `pointer` says where, `message` what to do."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(message)
        self.pointer = pointer
        self.message = message

    @property
    def errors(self) -> list[FieldError]:
        """The error as a list of field errors, the shape every error response has."""
        return [FieldError(self.pointer, self.message)]


class NotFoundError(ServiceError):
    """The record named in the path does not exist."""

    def __init__(self, what: str, ident: str, pointer: str) -> None:
        super().__init__(pointer, f"no {what} with id {ident!r}; check the id")


class ConflictError(ServiceError):
    """The request clashes with the store's current state (duplicate id, stale proposal...)."""


class UnauthorizedError(ServiceError):
    """No valid login token."""

    def __init__(self, message: str) -> None:
        super().__init__("/headers/authorization", message)


class ForbiddenError(ServiceError):
    """The user's role may not do this."""

    def __init__(self, message: str) -> None:
        super().__init__("/headers/authorization", message)


class TooManyRequestsError(ServiceError):
    """Too many attempts (failed logins): try again after `retry_after` seconds."""

    def __init__(self, pointer: str, message: str, retry_after: int) -> None:
        super().__init__(pointer, message)
        self.retry_after = retry_after


__all__ = [
    "ConflictError",
    "FieldError",
    "ForbiddenError",
    "InputError",
    "NotFoundError",
    "ServiceError",
    "TooManyRequestsError",
    "UnauthorizedError",
]
