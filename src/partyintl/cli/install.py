"""`--install-completion`: put the shell's completion script in place without ever breaking
the shell or the home folder.

Everything is checked before anything is written: the home folder, that the start-up file
is a regular file (a FIFO or a device is never opened), that the folders on the way are
folders. Both files are replaced atomically (export/files.py): a start-up file through its
symlink, keeping its mode, its bytes never decoded (any encoding is fine). If the start-up
file cannot be changed, the script just written is taken back. Every failure is an error
(exit 1) that says what is in the way, that nothing was changed, and how to do it by hand.
"""

from __future__ import annotations

import os
import stat

from ..errors import ExitCode, OutputError, PartyintlError, UsageError
from .completion import script
from .spec import flag

#: Where each shell's script goes, under the home folder.
INSTALL_PATHS = {
    "bash": ".bash_completions/partyintl.sh",
    "zsh": ".zfunc/_partyintl",
    "fish": ".config/fish/completions/partyintl.fish",
}
#: The start-up file and the line added to it so the shell reads the script (fish needs none).
RC_LINES = {
    "bash": (".bashrc", "source ~/.bash_completions/partyintl.sh"),
    "zsh": (".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
}
#: A start-up file (or an old script) larger than this is not read: it is surely not one.
MAX_BYTES = 16 * 1024 * 1024


class InstallError(UsageError):
    """--install-completion could not finish; what it had written is taken back. Reported
    as usage errors are (what, then how to fix it), but it is the home folder that is in
    the way, not the command: exit 1."""

    exit_code = ExitCode.DATA


def _where(shell: str, home: str) -> tuple[str, str | None]:
    """(the script's path, the start-up file's) where the shell reads them: under the home
    folder (INSTALL_PATHS, RC_LINES), but zsh's .zshrc in $ZDOTDIR and fish's completions in
    $XDG_CONFIG_HOME/fish when these are set to an absolute path, as the shells read them
    (a file written under the home folder was never read)."""
    path = os.path.join(home, INSTALL_PATHS[shell])
    config = os.environ.get("XDG_CONFIG_HOME", "")
    if shell == "fish" and os.path.isabs(config):
        path = os.path.join(config, INSTALL_PATHS[shell].removeprefix(".config/"))
    if shell not in RC_LINES:
        return path, None
    zdotdir = os.environ.get("ZDOTDIR", "")
    if shell == "zsh" and "ZDOTDIR" in os.environ and not zdotdir:
        # set but empty: zsh then reads /.zshrc, which is no file of the user's
        _refuse(shell, "ZDOTDIR is set but empty", "Unset ZDOTDIR or set it to a folder")
    if shell == "zsh" and zdotdir and not os.path.isabs(zdotdir):
        # zsh reads $ZDOTDIR/.zshrc from wherever it starts: no one file to write
        _refuse(shell, f"ZDOTDIR is {zdotdir!r}, not an absolute path", "Set ZDOTDIR to one")
    top = zdotdir if shell == "zsh" and zdotdir else home
    return path, os.path.join(top, RC_LINES[shell][0])


def install(shell: str) -> tuple[str, str]:
    """Write the shell's script (INSTALL_PATHS) and add the line that loads it to the shell's
    start-up file (RC_LINES) unless a line says so already, where the shell reads them
    (_where); returns (shell, script path). Raises InstallError, having changed nothing,
    when it cannot do both."""
    home = os.environ.get("HOME", os.path.expanduser("~"))  # an empty HOME is no home
    _check_home(shell, home)
    path, rc_path = _where(shell, home)
    content = (script(shell) + "\n").encode("utf-8")
    rc_change = None
    if shell in RC_LINES and rc_path is not None:
        _, line = RC_LINES[shell]
        rc = rc_path
        old = _read_regular(shell, rc)
        if old is None or line.encode() not in (x.strip() for x in old.splitlines()):
            before = old or b""
            gap = b"\n" if before and not before.endswith(b"\n") else b""
            rc_change = (rc, before + gap + f"\n# partyintl shell completion\n{line}\n".encode())
    for target in ([rc_change[0]] if rc_change else []) + [path]:
        _check_writable(shell, target)
    made = _make_folders(shell, home, os.path.dirname(path))
    if rc_change is not None:  # $ZDOTDIR may name a folder not made yet
        try:
            made += _make_folders(shell, home, os.path.dirname(rc_change[0]))
        except InstallError:
            _take_back(None, None, made)
            raise
    try:
        previous = _read_regular(shell, path)
    except InstallError:
        _take_back(None, None, made)
        raise
    try:
        if previous != content:
            _write(shell, path, content)
        if rc_change is not None:
            _write(shell, *rc_change)
    except BaseException:
        _take_back(path, previous, made)
        raise
    return shell, path


def _check_home(shell: str, home: str) -> None:
    """Refuse a HOME that is empty, relative, missing, unreachable or not a folder."""
    fix = "Set HOME to your home folder"
    if not home or not os.path.isabs(home):
        _refuse(shell, f"HOME is {'empty' if not home else 'not an absolute path'}", fix)
    try:
        info = os.stat(home)
    except OSError as exc:
        _refuse(shell, f"cannot use the home folder {home}: {exc.strerror or exc}", fix)
        raise  # not reached: _refuse raises
    if not stat.S_ISDIR(info.st_mode):
        _refuse(shell, f"the home folder {home} is not a folder", fix)


def shown(path: str) -> str:
    """A path under the home folder written `~/...`, for messages."""
    home = os.path.expanduser("~").rstrip("/")
    if home and (path + "/").startswith(home + "/"):
        return "~" + path[len(home) :]
    return path


def _refuse(shell: str, what: str, fix: str = "") -> None:
    """Raise the InstallError saying that `what` stands in the way, and how to get past it."""
    ways = [f"{fix} and run again, or" if fix else "Fix that and run again, or"]
    ways.append(
        f"set completion up by hand: save the output of `partyintl {flag('show_completion')} "
        f"{shell}` "
        f"in a file that {shell} reads at start-up."
    )
    raise InstallError(
        f"cannot install {shell} completion: {what}. Nothing was changed.", ways, label="To fix it"
    )


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _read_regular(shell: str, path: str) -> bytes | None:
    """A file's bytes, or None if there is none; refuses anything but a regular file of at
    most MAX_BYTES, looking before it opens, and never waits to open or read."""
    name = shown(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            _refuse(shell, f"{name} is a symbolic link to {os.readlink(path)}, which is missing")
        return None
    except OSError as exc:
        _refuse(shell, f"cannot read {name}: {exc.strerror or exc}")
        raise  # not reached: _refuse raises
    if not stat.S_ISREG(info.st_mode):
        _refuse(shell, f"{name} is {_kind(info.st_mode)}, not a file", f"Move {name} away")
    if info.st_size > MAX_BYTES:
        _refuse(shell, f"{name} is {info.st_size} bytes, too big for what it should be")
    chunks: list[bytes] = []
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                _refuse(shell, f"{name} changed into something that is not a file")
            held = 0
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
                held += len(chunk)
                if held > MAX_BYTES:
                    _refuse(shell, f"{name} grows while it is read")
        finally:
            os.close(fd)
    except OSError as exc:
        _refuse(shell, f"cannot read {name}: {exc.strerror or exc}")
    return b"".join(chunks)


def _make_folders(shell: str, home: str, folder: str) -> list[str]:
    """Make the folders from the home folder (or, for a folder elsewhere, from the nearest
    one there is) down to `folder`; returns those made, top first. Something other than
    a folder on the way is refused (and the new folders removed)."""
    made: list[str] = []
    current = home
    if os.path.relpath(folder, home).startswith(os.pardir):
        current = folder
        while not os.path.lexists(current) and os.path.dirname(current) != current:
            current = os.path.dirname(current)
    for part in os.path.relpath(folder, current).split(os.sep):
        if part == os.curdir:
            continue
        current = os.path.join(current, part)
        try:
            info = os.stat(current)
        except FileNotFoundError:
            try:
                os.mkdir(current)
            except OSError as exc:
                _take_back(None, None, made)
                _refuse(shell, f"cannot make the folder {shown(current)}: {exc.strerror or exc}")
            made.append(current)
            continue
        except OSError as exc:
            _take_back(None, None, made)
            _refuse(shell, f"cannot use the folder {shown(current)}: {exc.strerror or exc}")
            raise  # not reached: _refuse raises
        if not stat.S_ISDIR(info.st_mode):
            _take_back(None, None, made)
            what = "a file" if stat.S_ISREG(info.st_mode) else _kind(info.st_mode)
            name = shown(current)
            _refuse(shell, f"{name} is {what}, not a folder", f"Move {name} away")
    return made


def _check_writable(shell: str, path: str) -> None:
    """Refuse, before anything is written, a file that may not be replaced (read-only,
    immutable, on a read-only file system) or whose folder may not be written in."""
    from ..export.files import may

    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    if os.path.exists(real) and not may(real, os.W_OK):
        why, fix = _why_unwritable(real, shown(path))
        _refuse(shell, f"cannot write {shown(path)}: {why}", fix)
    if os.path.isdir(folder) and not may(folder, os.W_OK):
        why, fix = _why_unwritable(folder, shown(folder))
        _refuse(shell, f"cannot write in the folder {shown(folder)}: {why}", fix)


def _why_unwritable(path: str, name: str) -> tuple[str, str]:
    """Why this process may not write a path, as far as it can tell, and the way out."""
    try:
        if os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 1):
            return "the file system is read-only", "Mount it writable"
        info = os.stat(path)
    except OSError as exc:
        return exc.strerror or str(exc), ""
    if os.geteuid() == 0 or (info.st_mode & stat.S_IWUSR and info.st_uid == os.geteuid()):
        return "it may not be changed (is it immutable? see lsattr)", f"Run chattr -i {name}"
    if info.st_uid == os.geteuid():
        return "it is read-only", f"Make it writable (chmod u+w {name})"
    return "it belongs to someone else and is not writable to you", "Ask its owner"


def _write(shell: str, path: str, content: bytes) -> None:
    """Replace a regular file, or make it, atomically; refuses saying why if it cannot."""
    from ..export.files import write_output

    try:
        for _ in write_output(path, [content]):
            pass
        return
    except OutputError as exc:
        reason = exc.reason
    except UsageError as exc:  # refused by the writer (checked above: a race)
        reason = exc.message.removeprefix(f"cannot write {path}: ")
    hint = " (is it immutable? see lsattr)" if "not permitted" in reason else ""
    _refuse(shell, f"cannot write {shown(path)}: {reason.rstrip('.')}{hint}")


def _take_back(path: str | None, previous: bytes | None, made: list[str]) -> None:
    """Undo what install wrote: the script as it was (or none), then the new folders."""
    from ..export.files import write_output

    try:
        if path is not None and previous is None:
            if os.path.lexists(path):
                os.remove(path)
        elif path is not None and previous is not None:
            for _ in write_output(path, [previous]):
                pass
    except (OSError, PartyintlError):
        pass  # the error being raised says what failed first
    try:
        for folder in reversed(made):
            os.rmdir(folder)
    except OSError:
        pass  # something was put in it meanwhile: leave it
