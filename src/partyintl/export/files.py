"""Writing an export where the user asked, without ever losing what was there.

- A regular file (or a symlink to one, which is followed) is replaced atomically: the
  bytes go to a temporary file beside it, are synced, and the temporary file is renamed
  over the target. Readers see the old file or the whole new one. An existing file's mode
  is kept; a new file gets the usual mode under the umask. A file with other hard links
  is replaced too (the other names keep the old content), and the user is told.
- Anything else that exists (a terminal or other device, a FIFO, /dev/stdout) is written
  into, never replaced by a file.
- Every byte is checked to be written; a full disk is an error, never a short file.
- The data file being read is never a target.
"""

from __future__ import annotations

import errno
import os
import stat

from ..errors import OutputError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator


def same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (through symlinks and hard links)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def refuse_data_file(target: str, data_path: str | None) -> None:
    """A usage error when the output would overwrite the data file being read."""
    if data_path is not None and same_file(target, data_path):
        raise UsageError(
            f"-o {target} is the data file being read; nothing was written. "
            "Give another output file."
        )


def write_all(fd: int, data: bytes, name: str) -> None:
    """Write every byte to a descriptor, or raise OutputError saying why not."""
    view = memoryview(data)
    while view:
        try:
            n = os.write(fd, view)
        except InterruptedError:
            continue
        except OSError as exc:
            raise OutputError(name, exc) from None
        if n == 0:
            raise OutputError(name, OSError(errno.EIO, "nothing could be written"))
        view = view[n:]


def write_output(path: str, data: Iterable[bytes]) -> Iterator[str]:
    """Write the chunks to the path as the module docstring says; yield notes for the user."""
    target = os.path.realpath(path)
    info = _existing(path, target)
    through_devices = any(p.startswith(("/dev/", "/proc/")) for p in (path, target))
    if info is not None and (through_devices or not stat.S_ISREG(info.st_mode)):
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"-o {path} is a folder: give a file name.")
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

    _replace(target, path, info, fill)
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


def _replace(
    target: str, shown: str, info: os.stat_result | None, fill: Callable[[str], None]
) -> None:
    """Make the new file with `fill(path)` in a private folder beside the target (mode 0700:
    nobody can put a link where it is written), give it the old file's mode or the usual
    one, and rename it over the target; leave nothing behind, whatever stops it."""
    import shutil
    import tempfile

    try:
        private = tempfile.mkdtemp(prefix=".partyintl-", suffix=".tmp", dir=os.path.dirname(target))
    except OSError as exc:  # no such folder, no permission: the path asked for is wrong
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    tmp = os.path.join(private, "new")
    try:
        fill(tmp)
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else _new_file_mode())
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(shown, exc) from None
    finally:  # including Ctrl-C, SIGTERM and SIGHUP
        shutil.rmtree(private, ignore_errors=True)


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


def build_file(path: str, build: Callable[[str], None]) -> Iterator[str]:
    """Make a file by `build(temporary path)` (a library writes it: SQLite), then rename it
    over the target as write_output does. The target must be a regular file or new."""
    target = os.path.realpath(path)
    info = _existing(path, target)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(f"-o {path} is not a regular file; give a file name.")
    _replace(target, path, info, build)
    yield f"Wrote {path}"


def build_folder(path: str, build: Callable[[str], None]) -> Iterator[str]:
    """Make a new folder by `build(temporary folder)` beside it, then rename it into place.

    The folder must not exist, or be empty: an export never replaces what is there."""
    import shutil
    import tempfile

    target = os.path.abspath(path)
    if os.path.lexists(target) and (
        not os.path.isdir(target) or os.path.islink(target) or os.listdir(target)
    ):
        raise UsageError(f"-o {path} exists and is not an empty folder; give a new folder.")
    parent = os.path.dirname(target)
    try:
        tmp = tempfile.mkdtemp(prefix=".partyintl-", dir=parent)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        build(tmp)
        os.chmod(tmp, 0o777 & ~_umask())
        if os.path.isdir(target):
            os.rmdir(target)  # empty, as checked
        os.rename(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(path, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    yield f"Wrote {path}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _existing(path: str, target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(path, exc) from None
