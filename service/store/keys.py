"""Where the data key comes from, in this order:

1. `RJPLAN_DATA_KEY` (comma-separated Fernet keys, the first encrypts): any database, and the
   only way on PostgreSQL, where the service refuses to start without it;
2. for a SQLite file, a key file beside it (`rjplan.sqlite.key`, mode 0600, one key a line),
   made on first use so that `make serve` and `make demo` work on a new machine; the caller
   prints where it is (`KeySource.created`). It must be backed up with the database and must
   not be readable by others (a wider mode is refused);
3. an in-memory SQLite database gets a key for the life of the process.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from service.store.crypto import Cipher, DataKeyError, parse_keys

ENV = "RJPLAN_DATA_KEY"
KEY_FILE_SUFFIX = ".key"


@dataclass(frozen=True)
class KeySource:
    """The cipher, where its keys came from (never the keys), and whether the key file was
    made just now."""

    cipher: Cipher
    origin: str
    created: bool = False
    key_file: Path | None = None


def key_file_for(database_url: str) -> Path | None:
    """The key file beside a SQLite database file; None for other databases and memory."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = Path(url.database).expanduser()
    return database.with_name(database.name + KEY_FILE_SUFFIX)


def load_cipher(database_url: str, data_key: str | None, create: bool = True) -> KeySource:
    """The cipher for the store at `database_url` (see the module's docstring for the order)."""
    if data_key:
        return KeySource(Cipher(parse_keys(data_key, ENV)), ENV)
    path = key_file_for(database_url)
    if path is not None:
        made = create and not path.exists()
        if made:
            write_key_file(path, [Cipher.generate_key()])
        return KeySource(Cipher(read_key_file(path)), str(path), made, path)
    if make_url(database_url).get_backend_name() == "sqlite":
        return KeySource(Cipher([Cipher.generate_key().encode()]), "in-memory (this process)")
    raise DataKeyError(
        f"{ENV} is not set: personal details are encrypted at rest and a PostgreSQL store "
        f"needs its key from the environment; make one with `rjplan db new-key`, keep it "
        f"safe and set {ENV}"
    )


def read_key_file(path: Path) -> list[bytes]:
    """The keys of a key file, refusing a file that others may read."""
    if not path.exists():
        raise DataKeyError(f"no key file at {path}; set {ENV} or restore the file")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise DataKeyError(f"{path} may be read by others (mode {mode:o}); run chmod 600 {path}")
    return parse_keys(path.read_text(encoding="ascii"), str(path))


def write_key_file(path: Path, keys: list[str]) -> None:
    """Write keys (first encrypts) to `path` with mode 0600, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write("\n".join(keys) + "\n")
    os.replace(tmp, path)
