"""Real interactive bash, zsh and fish in a pseudo-terminal, with partyintl's completion loaded.

A test types a partial line and TAB, and reads back either the line as the shell now holds
it (`line_after`), or the words the shell makes of it when it runs it (`words_after`: the
completed line is run as `printf` arguments, so the shell itself removes the quoting).
Every wait is for a marker the shell prints, never a sleep; a timeout only bounds a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pexpect

SHELLS = ("bash", "zsh", "fish")
DUMP = "\x18\x10"  # Ctrl-X Ctrl-P
TIMEOUT = 30


def available(shell: str) -> bool:
    """Whether the shell is installed (CI installs all three)."""
    return shutil.which(shell) is not None


def _wrapper(bin_dir: Path) -> None:
    """A `partyintl` on PATH that runs this checkout with this Python."""
    exe = bin_dir / "partyintl"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m partyintl "$@"\n', encoding="utf-8")
    exe.chmod(0o755)


PROMPT = {
    "bash": "PS1='$ '; PS2='> '; HISTFILE=; set +o history",
    "zsh": "PS1='$ '; PS2='> '; HISTFILE=; unsetopt autolist listambiguous beep",
    "fish": "function fish_prompt; printf '$ '; end; set -g fish_autosuggestion_enabled 0",
}
#: How the script is loaded when it is not installed: as `source <(partyintl
#: --show-completion SHELL)` would, zsh's after compinit.
LOAD = {
    "bash": "source {script}",
    "zsh": "autoload -Uz compinit && compinit -u -D && source {script}",
    "fish": "source {script}",
}
#: Ctrl-X Ctrl-P writes the line being edited to a file and prints a marker.
BIND_DUMP = {
    "bash": """bind -x '"\\C-x\\C-p": printf "%s" "$READLINE_LINE" > {dump}; """
    """printf "DUM%sPED\\n" ""'""",
    "zsh": "_dump() {{ print -rn -- \"$BUFFER\" > {dump}; print -n 'DUM''PED' > /dev/tty; }}; "
    "zle -N _dump; bindkey '^X^P' _dump",
    "fish": "function _dump; commandline > {dump}; printf 'DUM%sPED' '' > /dev/tty; end; "
    "bind \\cx\\cp _dump",
}
#: The shell's arguments: no start-up files, or (installed) the user's own.
ARGS = {
    "bash": ["--norc", "--noprofile", "-i"],
    "zsh": ["-f", "-i"],
    "fish": ["--no-config", "-i"],
}


class Shell:
    """One interactive shell with the completion script from `--show-completion SHELL`."""

    def __init__(self, name: str, root: Path, installed: bool = False) -> None:
        """Start the shell in `root` (bin/ holds a `partyintl`, home/ is HOME). With
        `installed`, the shell reads its start-up files from there, as after
        `partyintl --install-completion`; else it loads `--show-completion`'s script."""
        self.name = name
        self.root = root
        bin_dir = root / "bin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        _wrapper(bin_dir)
        home = root / "home"
        home.mkdir(exist_ok=True)
        self.dump = root / "line"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("PARTYINTL_DATA", "PARTYINTL_DEBUG", "BASH_ENV", "ENV", "ZDOTDIR")
        }
        env.update(
            PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
            HOME=str(home),
            ZDOTDIR=str(home),
            TERM="dumb",
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            fish_history="",
        )
        setup = [PROMPT[name]]
        if not installed:
            import subprocess

            script = subprocess.run(
                [str(bin_dir / "partyintl"), "--show-completion", name],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout
            script_path = root / f"completion.{name}"
            script_path.write_text(script, encoding="utf-8")
            setup.append(LOAD[name].format(script=_q(str(script_path))))
        setup.append(BIND_DUMP[name].format(dump=_q(str(self.dump))))
        args = ["-i"] if installed else ARGS[name]
        self.child = pexpect.spawn(
            name, args, env=env, encoding="utf-8", dimensions=(50, 500), timeout=TIMEOUT
        )
        if os.environ.get("SHELLS_LOG"):
            self.child.logfile_read = open(os.environ["SHELLS_LOG"] + "." + name, "w")  # noqa: SIM115
        for line in setup:
            self.child.sendline(line)
        self.sync()

    def sync(self) -> None:
        """Wait until the shell has run everything typed so far."""
        self.child.sendline("printf 'SY%sNC\\n' ''")
        self.child.expect_exact("SYNC")
        self.child.expect_exact("$ ")

    def run(self, command: str) -> None:
        """Run a command (`cd ~/d`) and wait until it is done."""
        self.child.sendline(command)
        self.sync()

    def line_after(self, typed: str, keys: str = "\t") -> str:
        """The line as the shell holds it after typing `typed` and pressing `keys`."""
        if self.dump.exists():
            self.dump.unlink()
        self.child.send(typed + keys + DUMP)
        self.child.expect_exact("DUMPED")
        line = self.dump.read_text(encoding="utf-8")
        if self.name == "fish":  # `commandline` ends what it prints with a newline
            line = line.removesuffix("\n")
        self.child.send("\x05\x15")  # end of line, then erase it
        self.sync()
        return line

    def words_after(self, typed: str, keys: str = "\t", then: str = "") -> list[str]:
        """The words the shell passes when it runs the line left after `typed` and `keys`,
        and `then` typed at its end (the program name first): the line is run as the
        arguments of printf."""
        self.child.send(typed + keys + DUMP)
        self.child.expect_exact("DUMPED")  # the completion is done: now run the line
        self.child.send(f"{then}\x01printf '<%s>\\n' \x05; printf 'DO%sNE\\n' ''\r")
        try:
            self.child.expect_exact("DONE", timeout=10)
        except pexpect.TIMEOUT:  # the line was left unfinished: get the prompt back
            self.child.send("\x03")
            self.sync()
            return []
        out = self.child.before.replace("\r\n", "\n")
        self.child.expect_exact("$ ")
        return re.findall(r"^<(.*)>$", out, re.M)

    def close(self) -> None:
        """End the shell."""
        self.child.close(force=True)


def _q(text: str) -> str:
    """Single-quoted for any of the three shells (paths without quotes in them)."""
    assert "'" not in text and "\\" not in text
    return f"'{text}'"
