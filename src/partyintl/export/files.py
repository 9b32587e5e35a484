"""Writing an export where the user asked, without ever losing what was there.

A path means what it says, as the shell's `>` and `cp` take it:

- A regular file (or a symlink to one, which is followed) is replaced atomically: the
  bytes go to a temporary file in a private folder beside it, are synced, and the
  temporary file is renamed over the target. Readers see the old file or the whole new
  one. An existing file's mode (and, where the user may keep them, its owner and group) is
  kept; a new file gets the usual mode under the umask. A file with other hard links is
  replaced too (the other names keep the old content), and the user is told.
- Anything else that exists (a terminal or other device, a FIFO, /dev/stdout) is written
  into, never replaced by a file.
- Refused, with nothing written (exit 2): what the shell's `>` refuses (a folder, `.`,
  `..`, a name ending in `/`, a file the user may not write, a folder that does not exist
  or that the user may not write), and what `cp` refuses, a symlink whose target does not
  exist (writing through it would create a file the user did not name). Unlike `>`, a
  writable file in a folder the user may not write is refused as well: it could only be
  overwritten in place, which a failure would leave half-written.
- Every byte is checked to be written; a full disk is an error, never a short file.
- The data file being read is never a target.

SQLite databases have files of their own beside them (`-wal`, `-shm`, `-journal`); see
export/sqlite.py for how an existing database is replaced through SQLite itself.
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager, suppress

from ..errors import OutputError, UsageError
from ..lifecycle import answer_complete
from ..streams import write_all
from ..structs import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator


class Target(Struct):
    """Where an output goes: the path as typed, the file it names (symlinks followed) and
    that file's status, None when it does not exist yet."""

    __slots__ = ("shown", "real", "info")

    def __init__(self, shown: str, real: str, info: os.stat_result | None) -> None:
        self.shown = shown
        self.real = real
        self.info = info

    @property
    def regular(self) -> bool:
        """Whether the target is a regular file that exists, named by a path of its own: a
        file that /dev/stdout (or /dev/fd/N) leads to is written into, never replaced."""
        return (
            self.info is not None
            and stat.S_ISREG(self.info.st_mode)
            and not through_descriptor(self.shown)
        )


def same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (through symlinks and hard links)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _output_flag() -> str:
    """How the user named the output file on the command line (`-o`)."""
    from ..cli.spec import flag

    return flag("output", "export", short=True)


def refuse_data_file(target: str, data_path: str | None) -> None:
    """A usage error when the output would overwrite the data file being read."""
    refuse_inputs(target, [(data_path, "the data file")])


def refuse_inputs(target: str | None, inputs: Iterable[tuple[str | None, str]]) -> None:
    """A usage error (nothing written) when the output `target` is the same file as one of
    the `inputs` being read, given as (path, what it is: "the decisions file"): by identity
    (device and inode), so through symlinks, hard links and other spellings of the path.
    A target of None or `-` (stdout), and inputs of None, are no files."""
    if target is None or target == "-":
        return
    for path, what in inputs:
        if path is not None and same_file(target, path):
            raise UsageError(
                f"{_output_flag()} {target} is {what} being read; nothing was written. "
                "Give another output file."
            )


#: Typed paths that stand for a descriptor already open (`-o /dev/stdout` with stdout
#: redirected to a file): written into where the descriptor points, never replaced.
_DESCRIPTOR_PATHS = ("/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")


def through_descriptor(path: str) -> bool:
    """Whether a typed path names an open descriptor (/dev/stdout, /dev/fd/N, /proc/...),
    however it is spelt: `//dev/stdout`, `/dev/../dev/stdout`, a folder that is a link to
    /dev, or a symlink to one of these (links followed one at a time, as far as the first
    that names a descriptor: the kernel's own magic links are not followed further)."""
    seen: set[str] = set()
    here = path
    try:
        while True:
            folder, name = os.path.split(os.path.abspath(here))
            full = os.path.join(os.path.realpath(folder), name)  # `//` and folder links
            if full.startswith(_DESCRIPTOR_PATHS):
                return True
            if full in seen or not os.path.islink(full):
                return False
            seen.add(full)
            here = os.path.join(os.path.dirname(full), os.readlink(full))  # as the kernel reads it
    except (OSError, ValueError):
        return False


def may(path: str, mode: int) -> bool:
    """Whether this process may access a path so (os.access with the effective ids, as the
    kernel checks an open: root may write a read-only file, nobody may write on a
    read-only file system or an immutable file)."""
    effective = os.access in os.supports_effective_ids
    return os.access(path, mode, effective_ids=effective)


def _refuse(path: str, why: str, fix: str) -> UsageError:
    return UsageError(f"cannot write {path}: {why}; nothing was written. {fix}")


def refuse_blank_ends(path: str) -> None:
    """A UsageError for a name that begins or ends with a space (a tab, a line break): an
    unseen character pasted with the name, which "Wrote out.csv " would hide, and which
    hid the extension that says the format."""
    base = os.path.basename(path.rstrip("/")) or path
    if base != base.strip():
        from ..escaping import one_line

        meant = os.path.join(os.path.dirname(path), base.strip())
        raise _refuse(
            f"'{one_line(path)}'",
            "the name begins or ends with a space",
            f"Give it without: '{one_line(meant)}'.",
        )


def file_target(path: str) -> Target:
    """What `-o PATH` names when a file is wanted, refusing (UsageError, before anything is
    written) every form the module docstring lists."""
    if path == "":
        raise UsageError(f"{_output_flag()} needs a file name; nothing was written.")
    refuse_blank_ends(path)
    base = os.path.basename(path)
    if path.endswith("/") or base in (".", ".."):
        is_dir = os.path.isdir(path)
        raise _refuse(
            path,
            "it names a folder" if is_dir else "a name ending in '/' names a folder",
            "Give a file name (a folder is not replaced by a file).",
        )
    if os.path.islink(path) and not os.path.exists(path):
        to = os.readlink(path)
        raise _refuse(
            path,
            f"it is a symlink to {to}, which does not exist",
            "Give the file itself, or a path that is not a dangling link (as cp does).",
        )
    # An open descriptor's magic link is followed by the kernel (a pipe has no path).
    real = path if through_descriptor(path) else os.path.realpath(path)
    info = _existing(path, real)
    if info is None and through_descriptor(path):
        raise _refuse(path, "no such file or open descriptor", "Give a file name.")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _refuse(path, "it is a folder", "Give a file name inside it.")
    target = Target(path, real, info)
    if info is not None and (not stat.S_ISREG(info.st_mode) or through_descriptor(path)):
        if not may(real, os.W_OK):
            raise _refuse(path, "permission denied", "Give a file you may write.")
        return target  # a device or FIFO: written into
    if info is not None and not may(real, os.W_OK):
        raise _refuse(
            path,
            "permission denied (the file is read-only to you)",
            "Give another file, or make it writable first (chmod u+w).",
        )
    _check_folder(path, os.path.dirname(real), info)
    return target


def _check_folder(
    path: str, folder: str, info: os.stat_result | None, made: str = "the file"
) -> None:
    """The folder a file (or what `made` names: "the folder") is made or replaced in must
    exist and be writable to the user."""
    if not os.path.isdir(folder):
        raise _refuse(
            path, f"the folder {folder} does not exist", "Make it first, or give another path."
        )
    if not may(folder, os.W_OK | os.X_OK):
        what = f"{made} is replaced whole" if info is not None else f"{made} is made"
        beside = "a new file" if made == "the file" else "a new one"
        raise _refuse(
            path,
            f"permission denied: the folder {folder} is read-only to you ({what} "
            f"through {beside} beside it)",
            "Give a path in a folder you may write.",
        )
    if info is not None and _sticky_denies(folder, info):
        raise _refuse(
            path,
            f"the folder {folder} is sticky and the file belongs to someone else",
            "Give another file name.",
        )


def _sticky_denies(folder: str, info: os.stat_result) -> bool:
    """Whether a sticky folder (/tmp) forbids replacing another user's file in it."""
    euid = os.geteuid() if hasattr(os, "geteuid") else 0
    try:
        folder_info = os.stat(folder)
    except OSError:
        return False
    return bool(
        folder_info.st_mode & stat.S_ISVTX and euid not in (0, info.st_uid, folder_info.st_uid)
    )


def write_output(path: str, data: Iterable[bytes]) -> Iterator[str]:
    """Write the chunks to the path as the module docstring says; yield notes for the user."""
    target = file_target(path)
    info = target.info
    if info is not None and (through_descriptor(path) or not stat.S_ISREG(info.st_mode)):
        _write_into(path, data)
        return
    if info is not None and info.st_nlink > 1:
        yield (
            f"Note: {path} had {info.st_nlink - 1} other hard link(s); they keep the old content."
        )

    def fill(tmp: str) -> None:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        try:
            for chunk in data:
                write_all(fd, chunk, path)
            os.fsync(fd)
        finally:
            os.close(fd)

    _replace(target, fill)
    yield f"Wrote {path}"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _write_into(path: str, data: Iterable[bytes]) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        for chunk in data:
            write_all(fd, chunk, path)
    finally:
        os.close(fd)


def scratch_folder(parent: str) -> str:
    """A new private folder (mode 0700) in `parent`, named `.partyintl-HOST-PID-XXXX.tmp`
    (this machine's name and this process's id), after removing those of this machine
    whose process no longer runs: a process killed outright (`kill -9`) while it wrote
    could not remove its own. Only folders of this user, not links, are removed; another
    machine's (a shared file system) are left alone. Raises OSError as mkdtemp does."""
    import tempfile

    host = _host()
    for name in _names(parent):
        if _left_behind(name, host):
            _remove_scratch(os.path.join(parent, name))
    return tempfile.mkdtemp(prefix=f"{SCRATCH}{host}-{os.getpid()}-", suffix=".tmp", dir=parent)


#: How the private folders partyintl writes in beside a target begin (scratch_folder).
SCRATCH = ".partyintl-"


def _host() -> str:
    """This machine's name as a scratch folder's name carries it (no `/`)."""
    uname = getattr(os, "uname", None)
    return (uname().nodename if uname else "").replace("/", "_") or "host"


def _names(parent: str) -> list[str]:
    try:
        return [n for n in os.listdir(parent) if n.startswith(SCRATCH) and n.endswith(".tmp")]
    except OSError:
        return []


def _left_behind(name: str, host: str) -> bool:
    """Whether `.partyintl-HOST-PID-XXXX.tmp` is this machine's, of a process that no
    longer runs."""
    parts = name.removeprefix(SCRATCH).removesuffix(".tmp").rsplit("-", 2)
    if len(parts) != 3:
        return False
    head, pid, _ = parts
    if head != host or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # another user's process, or no such number: left alone
    return False


def _remove_scratch(path: str) -> None:
    """Remove a scratch folder left behind: a folder of this user, not a link."""
    import shutil

    try:
        info = os.lstat(path)
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid():
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def scratch_beside(target: Target) -> Iterator[str]:
    """A private folder (mode 0700: nobody can put a link where we write) beside the target,
    on its file system; removed with all it holds, whatever stops the work."""
    import shutil

    try:
        private = scratch_folder(os.path.dirname(target.real))
    except OSError as exc:  # checked before, but the folder may have changed since
        raise _refuse(target.shown, exc.strerror or str(exc), "Give another path.") from None
    try:
        yield private
    finally:  # including Ctrl-C, SIGTERM and SIGHUP
        shutil.rmtree(private, ignore_errors=True)


def _replace(target: Target, fill: Callable[[str], None]) -> None:
    """Make the new file with `fill(path)` in a private folder beside the target, give it
    the old file's mode and owner or the usual mode, and rename it over the target; leave
    nothing behind, whatever stops it."""
    with scratch_beside(target) as private:
        tmp = os.path.join(private, "new")
        try:
            fill(tmp)
            keep_identity(tmp, target.info)
            answer_complete()
            os.replace(tmp, target.real)
        except OSError as exc:
            raise OutputError(target.shown, exc) from None


def keep_identity(path: str, info: os.stat_result | None, mode: int | None = None) -> None:
    """Give a new file the mode of the one it replaces (`info`), and its owner and group
    where this process may; with no old file, `mode` or the usual mode under the umask."""
    if info is None:
        os.chmod(path, _new_file_mode() if mode is None else mode)
        return
    try:
        os.chown(path, info.st_uid, info.st_gid)
    except OSError:
        with suppress(OSError):  # a user may still keep the group when it is one of theirs
            os.chown(path, -1, info.st_gid)
    os.chmod(path, stat.S_IMODE(info.st_mode))


def _new_file_mode() -> int:
    return 0o666 & ~_umask()


def batched(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """Small text pieces gathered into UTF-8 blocks of about `size` bytes."""
    pending: list[str] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held >= size:
            yield "".join(pending).encode("utf-8")
            pending, held = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


def not_a_file(target: Target) -> UsageError:
    """The refusal of a target that exists and is no regular file of its own (a device, a
    FIFO, an open descriptor's path) where a file is built whole and renamed into place."""
    if through_descriptor(target.shown):
        why = (
            "it names an open descriptor, and a database is made as a file of its own "
            "and renamed into place"
        )
        return _refuse(target.shown, why, "Give a file name.")
    return _refuse(target.shown, "it is not a regular file", "Give a file name.")


def build_file(target: Target, build: Callable[[str], None]) -> Iterator[str]:
    """Make a file by `build(temporary path)` (a library writes it: SQLite), then rename it
    over the target as write_output does. The target (see file_target) must be a regular
    file or new."""
    if target.info is not None and not target.regular:
        raise not_a_file(target)
    _replace(target, build)
    yield f"Wrote {target.shown}"


def build_folder(path: str, build: Callable[[str], None]) -> Iterator[str]:
    """Make a new folder by `build(temporary folder)` beside it, then rename it into place.

    The folder must not exist, or be empty: an export never replaces what is there. An
    empty folder's mode (and owner, where this process may keep it) carries over to the
    new one; a new folder gets the usual mode under the umask. The files get the usual
    mode too, less what the folder withholds: in a 0700 folder they are 0600.
    """
    import shutil

    if path == "":
        raise UsageError(f"{_output_flag()} needs a folder name; nothing was written.")
    refuse_blank_ends(path)
    target = os.path.abspath(path)
    if os.path.islink(target):
        raise _refuse(path, "it is a symlink", "Give the folder itself, new or empty.")
    info = _existing(path, target)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        from ..filenames import file_kind

        raise UsageError(
            f"{_output_flag()} {path} is {file_kind(target, info.st_mode)}, not a folder: these "
            "tables are written into a folder of their own; give a new folder."
        )
    if info is not None and os.listdir(target):
        raise UsageError(
            f"{_output_flag()} {path} is a folder that is not empty; give a new folder."
        )
    if info is not None and not may(target, os.W_OK | os.X_OK):
        raise _refuse(path, "permission denied (the folder is read-only to you)", "")
    _check_folder(path, os.path.dirname(target), None, made="the folder")
    folder_mode = stat.S_IMODE(info.st_mode) if info is not None else 0o777 & ~_umask()
    try:
        tmp = scratch_folder(os.path.dirname(target))
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc), "Give another path.") from None
    try:
        build(tmp)
        file_mode = _new_file_mode() & _classes_let_in(folder_mode)
        for name in os.listdir(tmp):
            os.chmod(os.path.join(tmp, name), file_mode)
        keep_identity(tmp, info, folder_mode)
        answer_complete()
        if info is not None:
            os.rmdir(target)  # empty, as checked
        os.rename(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(path, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    yield f"Wrote {path}"


def _classes_let_in(folder_mode: int) -> int:
    """The permission bits of the classes (owner, group, others) a folder lets in (x)."""
    bits = 0
    for search, all_of_class in ((0o100, 0o700), (0o010, 0o070), (0o001, 0o007)):
        if folder_mode & search:
            bits |= all_of_class
    return bits


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _existing(path: str, target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise _refuse(path, "a part of it is a file, not a folder", "Give another path.") from None
    except PermissionError:
        raise _refuse(
            path, "permission denied (a folder on the way is closed to you)", "Give another path."
        ) from None
    except OSError as exc:
        raise OutputError(path, exc) from None
