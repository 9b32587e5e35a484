"""Which file contents are known to be valid, so they need not be validated again.

Keyed by the SHA-256 of the file's bytes: a changed file has another key and is validated
in full. The bundled dataset's digest ships with the package (a test checks it against the
file and validates that file in full). Other files are remembered, after a full validation,
in a small marker in the user's cache folder; a marker that is missing, unreadable, of
another partyintl version or with content other than expected is ignored. The cache is
optional: PARTYINTL_NO_CACHE=1 turns it off, and any error using it is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os

from .._version import __version__
from ._bundled import BUNDLED_SHA256

#: Bump when validation rules change, so that older markers no longer count.
RULES_REVISION = "1"


def digest(data: bytes) -> str:
    """The cache key of a file's content."""
    return hashlib.sha256(data).hexdigest()


def enabled() -> bool:
    """Whether known-valid contents may skip validation."""
    return os.environ.get("PARTYINTL_NO_CACHE", "") in ("", "0")


def cache_dir() -> str:
    """Where markers live: PARTYINTL_CACHE_DIR, else XDG_CACHE_HOME/partyintl, else ~/.cache."""
    explicit = os.environ.get("PARTYINTL_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "partyintl")


def _marker(key: str) -> tuple[str, str]:
    return (
        os.path.join(cache_dir(), f"valid-{key}"),
        f"{key} partyintl {__version__} rules {RULES_REVISION}\n",
    )


def is_known_valid(key: str) -> bool:
    """Whether content with this digest has passed full validation before."""
    if not enabled():
        return False
    if key == BUNDLED_SHA256:
        return True
    path, expected = _marker(key)
    try:
        with open(path, encoding="ascii") as handle:
            return handle.read(len(expected) + 1) == expected
    except (OSError, ValueError):
        return False


def remember(key: str) -> None:
    """Record that content with this digest passed full validation (best effort)."""
    if not enabled() or key == BUNDLED_SHA256:
        return
    path, content = _marker(key)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "w", encoding="ascii") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
