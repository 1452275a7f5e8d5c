"""Personal details encrypted at rest: a `Cipher` (Fernet keys, the first encrypts, all decrypt)
and the mark that makes a column sealed.

How another part of the store seals a personal field (the whole API):

    from service.store.crypto import SEALED
    notes: Mapped[str | None] = mapped_column(Text, info=SEALED)   # tables.py: ciphertext

    row.notes = uow.cipher.seal_optional(text)        # write (workflow or repository)
    text = uow.cipher.open_optional(row.notes)        # read, then audit the read (audit.read)

A sealed column holds Fernet tokens (AES-128-CBC with HMAC-SHA256, a timestamp and the key's
version byte: about 100 characters plus 4/3 of the value), so declare it `Text`. Every column
marked SEALED is re-encrypted by `rjplan db rotate-key` (service.store.rotation) without
further code; a sealed value can never be searched or sorted by the database, so seal only
what no query filters on. Keys come from service.store.keys; plaintext is never logged and an
error never quotes a value or a key.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

SEALED: Final = {"sealed": True}
"""`info=` of a column that holds ciphertext (see the module's docstring)."""


class DataKeyError(Exception):
    """The data key is missing, malformed or does not open the store's values: never says which
    value or quotes a key."""


class Cipher:
    """Seal and open personal values with a list of Fernet keys: the first seals, every key
    opens (so a store can be read while its values move to a new key). Thread-safe."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise DataKeyError("no data key given; set RJPLAN_DATA_KEY (rjplan db new-key)")
        self._fernet = MultiFernet([Fernet(k) for k in keys])
        self.key_count = len(keys)

    @staticmethod
    def generate_key() -> str:
        """A new random key, as the text RJPLAN_DATA_KEY takes."""
        return Fernet.generate_key().decode("ascii")

    def seal(self, plain: str) -> str:
        """The value encrypted under the first key, as text."""
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> str:
        """The value a `seal` made, under any of the keys."""
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise DataKeyError(
                "a sealed value cannot be opened with the data keys given: set RJPLAN_DATA_KEY "
                "to the key the store was written with (new key first, old ones after)"
            ) from None

    def seal_optional(self, plain: str | None) -> str | None:
        """`seal`, keeping None as None."""
        return None if plain is None else self.seal(plain)

    def open_optional(self, sealed: str | None) -> str | None:
        """`open`, keeping None as None."""
        return None if sealed is None else self.open(sealed)

    def seal_json(self, value: Any) -> str:
        """A JSON-able value (e.g. a party's contact details) sealed as one token."""
        return self.seal(json.dumps(value, sort_keys=True, separators=(",", ":")))

    def open_json(self, sealed: str) -> Any:
        """The value a `seal_json` made."""
        return json.loads(self.open(sealed))

    def rotate(self, sealed: str) -> str:
        """The same value sealed again under the first key (opened with any key)."""
        try:
            return self._fernet.rotate(sealed.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise DataKeyError(
                "a sealed value cannot be opened with any of the data keys given; add the old "
                "key after the new one in RJPLAN_DATA_KEY"
            ) from None


def parse_keys(text: str, source: str) -> list[bytes]:
    """Keys from text separated by commas or new lines (first encrypts); a malformed key is
    named by its place in `source`, never quoted."""
    parts = [p.strip() for p in text.replace("\n", ",").split(",")]
    keys = [p for p in parts if p]
    if not keys:
        raise DataKeyError(f"{source} holds no key; make one with `rjplan db new-key`")
    for place, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeError):
            raise DataKeyError(
                f"key {place} of {source} is not a Fernet key (32 bytes, URL-safe base64); "
                "make one with `rjplan db new-key`"
            ) from None
    return [k.encode("ascii") for k in keys]
