"""Which file contents are known to be valid, so they need not be validated again.

Keyed by the SHA-256 of the file's bytes: a changed file has another key and is validated
in full. The bundled dataset's digest ships with the package (a test checks it against the
file and validates that file in full). Other files are remembered, after a full validation,
in a small marker in the user's cache folder; a marker that is missing, unreadable, of
another partyintl version or with content other than expected is ignored. The cache is
optional: PARTYINTL_NO_CACHE=1 turns it off, and any error using it is ignored.
"""

from __future__ import annotations

import os
import stat

from .._version import __version__
from ..environment import CACHE_DIR, NO_CACHE, switched_on
from . import _rules
from ._bundled import BUNDLED_SHA256

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The validation rules' revision (generated from their modules' code): markers written
#: under other rules no longer count.
RULES_REVISION = _rules.RULES_REVISION


#: Below this size a file is hashed by CPython's own SHA-256 (its module loads in a tenth
#: of the time hashlib takes to load OpenSSL, which hashes faster only above this size).
SMALL = 1024 * 1024


def digest(data: bytes) -> str:
    """The cache key of a file's content: the hex SHA-256 of its bytes."""
    if len(data) < SMALL:
        sha256 = _builtin_sha256()
        if sha256 is not None:
            return str(sha256(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _builtin_sha256() -> Any:
    """CPython's built-in SHA-256 constructor (hashlib's fallback), or None where this
    Python has none (tests/test_startup.py holds its digests to hashlib's)."""
    for name in ("_sha2", "_sha256"):  # _sha2 from Python 3.12, _sha256 before
        try:
            module = __import__(name)
        except ImportError:
            continue
        return getattr(module, "sha256", None)
    return None


def enabled() -> bool:
    """Whether known-valid contents may skip validation."""
    return not switched_on(NO_CACHE)


def cache_dir() -> str | None:
    """Where markers live: PARTYINTL_CACHE_DIR, else XDG_CACHE_HOME/partyintl, else ~/.cache.

    None when that place is not an absolute path (an empty or relative HOME or
    XDG_CACHE_HOME): a relative cache would land wherever the command happens to run; and
    None when it exists but is not a private folder of this user's (private_folder).
    """
    explicit = os.environ.get(CACHE_DIR)
    if explicit:
        folder = explicit if os.path.isabs(explicit) else None
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            base = xdg
        else:
            home = os.path.expanduser("~")
            if not os.path.isabs(home):
                return None
            base = os.path.join(home, ".cache")
        folder = os.path.join(base, "partyintl")
    return folder if folder is not None and private_folder(folder) else None


def private_folder(folder: str) -> bool:
    """Whether the cache may use `folder`: it does not exist yet (it is then made 0700), or
    it is a folder itself (not a link to one), of this user, that no one else may write
    into (a marker or an entry planted by another user would be trusted). Links above it
    (a home's .cache that is a link) are the user's own arrangement and are followed."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and owned(info) and not info.st_mode & 0o022


def _marker(key: str) -> tuple[str, str] | None:
    folder = cache_dir()
    if folder is None:
        return None
    return (
        os.path.join(folder, f"valid-{key}"),
        f"{key} partyintl {__version__} rules {RULES_REVISION}\n",
    )


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def is_known_valid(key: str) -> bool:
    """Whether content with this digest has passed full validation before."""
    if not enabled():
        return False
    if key == BUNDLED_SHA256:
        return True
    marker = _marker(key)
    if marker is None:
        return False
    path, expected = marker
    try:
        # Never through a symlink, never blocking on a FIFO; only a regular file counts.
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(expected) + 1) == expected.encode("ascii")
    except OSError:
        return False
    finally:
        os.close(fd)


def _make_folder(folder: str) -> None:
    """Create the cache folder, and its parent only inside a home folder that exists; a
    PermissionError when what is there then is not a private folder (private_folder)."""
    parent = os.path.dirname(folder)
    if not os.path.isdir(parent):
        if not os.path.isdir(os.path.dirname(parent)):
            raise FileNotFoundError(parent)  # no folder is made outside an existing home
        os.mkdir(parent, 0o700)
    if not os.path.isdir(folder):
        os.mkdir(folder, 0o700)
    if not private_folder(folder):  # a link or another's folder put there meanwhile
        raise PermissionError(folder)


def remember(key: str) -> None:
    """Record that content with this digest passed full validation (best effort)."""
    if not enabled() or key == BUNDLED_SHA256:
        return
    marker = _marker(key)
    if marker is None:
        return
    path, content = marker
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        _make_folder(os.path.dirname(path))
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except OSError:
        return
    try:
        try:
            os.write(fd, content.encode("ascii"))
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        import contextlib  # on this path only: the fast path imports none of it

        with contextlib.suppress(OSError):
            os.unlink(tmp)


def owned(info: os.stat_result) -> bool:
    """Whether a file (by its stat) belongs to this user (always, where there are no
    user ids)."""
    euid = getattr(os, "geteuid", None)
    return euid is None or info.st_uid == euid()


def read_entry(name: str, limit: int = 64 * 1024 * 1024) -> bytes | None:
    """The bytes of a file the cache keeps under `name`, or None: when the cache is off or
    the file is missing, a link, not a regular file, not this user's, or over `limit`."""
    if not enabled():
        return None
    folder = cache_dir()
    if folder is None:
        return None
    try:
        fd = os.open(os.path.join(folder, name), os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not owned(info) or info.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def write_entry(name: str, data: bytes, keep: int = 0) -> None:
    """Keep `data` in the cache under `name` (best effort): a private file in a private
    folder, written to a new name and renamed, never through a link. With `keep`, files of
    the same prefix (`name` up to its first `-`) beyond the `keep` newest are removed."""
    if not enabled():
        return
    folder = cache_dir()
    if folder is None:
        return
    path = os.path.join(folder, name)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        _make_folder(folder)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as exc:  # a failed write, or a stop signal: nothing left behind
        import contextlib  # on this path only: the fast path imports none of it

        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise
        return
    if keep:
        prune(name.split("-", 1)[0] + "-", keep)


def prune(prefix: str, keep: int) -> None:
    """Remove the oldest regular files of the cache folder named `prefix...` beyond the
    `keep` newest (by modification time), and the temporary files `prefix....PID.tmp` of
    processes that no longer run (killed while writing; best effort)."""
    import contextlib

    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        found = []
        for entry in os.scandir(folder):
            if not entry.name.startswith(prefix) or not entry.is_file(follow_symlinks=False):
                continue
            if entry.name.endswith(".tmp"):
                if _left_behind(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                continue
            found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
        for _, old in sorted(found, reverse=True)[keep:]:
            with contextlib.suppress(OSError):
                os.unlink(old)


def prune_orphans(prefix: str, owner: str) -> None:
    """Remove the cache's entries `prefix<digest>-...` whose owner `owner<digest>...` is no
    longer there (an index evicted by prune: the answer records kept beside it cannot be
    checked without it and are never read again, 80 MB for a 100,000-partner file)."""
    import contextlib

    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        names = [entry.name for entry in os.scandir(folder)]
        owners = {n[len(owner) :].split(".", 1)[0] for n in names if n.startswith(owner)}
        for name in names:
            if name.startswith(prefix) and not name.endswith(".tmp"):
                digest = name[len(prefix) :].split("-", 1)[0]
                if digest not in owners:
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(folder, name))


def _left_behind(name: str) -> bool:
    """Whether a temporary file `NAME.PID.tmp` was left by a process that no longer runs."""
    pid = name.removesuffix(".tmp").rpartition(".")[2]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # another user's process, or no such number: left alone
    return False
