"""Shell completion, answered from the generated spec and the dataset; fast and quiet.

Commands, options, the choices of every choice option and the dataset's countries,
regions, partners and field names are all completed here, for bash, zsh and fish alike,
whichever command line is running: the spec says what each option takes, so nothing is
listed twice. A `--data` typed earlier on the line picks the dataset that is completed.
"""

from __future__ import annotations

import os

from ..data.countries import fold
from .argv import option_table, root_end, takes_value
from .spec import SPEC, flag

TYPE_CHECKING = False  # typing itself costs a tab press several milliseconds
if TYPE_CHECKING:
    from ..data.load import Dataset
    from .spec import Option

#: The shells partyintl writes completion scripts for.
SCRIPTS = {
    "bash": """_partyintl_completion() {
    local IFS=$'\\n'
    COMPREPLY=( $(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \\
        _PARTYINTL_COMPLETE=complete_bash "$1") )
    return 0
}
complete -o default -F _partyintl_completion partyintl""",
    "zsh": """#compdef partyintl

_partyintl_completion() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _PARTYINTL_COMPLETE=complete_zsh partyintl)
}

compdef _partyintl_completion partyintl""",
    "fish": "complete --command partyintl --no-files --arguments "
    '"(env _PARTYINTL_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) partyintl)"',
}
#: Where `--install-completion` puts each shell's script, under the home folder.
INSTALL_PATHS = {
    "bash": ".bash_completions/partyintl.sh",
    "zsh": ".zfunc/_partyintl",
    "fish": ".config/fish/completions/partyintl.fish",
}
#: Lines added to a start-up file so the shell reads the script (none needed for fish).
RC_LINES = {
    "bash": (".bashrc", "source ~/.bash_completions/partyintl.sh"),
    "zsh": (".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
}


def script(shell: str) -> str:
    """The completion script for a shell."""
    return SCRIPTS[shell]


def detect_shell() -> str:
    """The shell partyintl runs in, from $SHELL; a usage error when it is not one we know."""
    from ..errors import UsageError

    name = os.path.basename(os.environ.get("SHELL", ""))
    if name not in SCRIPTS:
        raise UsageError(
            f"cannot tell which shell this is ({name or 'SHELL is not set'}): name it, "
            f"e.g. {flag('show_completion')} zsh.",
            sorted(SCRIPTS),
            label="Shells",
        )
    return name


def install(shell: str) -> tuple[str, str]:
    """Write the script where the shell finds it and make the shell read it; where it went."""
    from ..export.files import write_output

    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        from ..errors import UsageError

        raise UsageError("cannot install completion: no home folder (HOME is not absolute).")
    path = os.path.join(home, INSTALL_PATHS[shell])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    for _ in write_output(path, [(script(shell) + "\n").encode("utf-8")]):
        pass
    if shell in RC_LINES:
        rc_name, line = RC_LINES[shell]
        rc = os.path.join(home, rc_name)
        try:
            with open(rc, encoding="utf-8") as handle:
                present = line in handle.read()
        except FileNotFoundError:
            present = False
        if not present:
            with open(rc, "a", encoding="utf-8") as handle:
                handle.write(f"\n{line}\n")
    return shell, path


def _dataset(data: str | None) -> Dataset | None:
    from ..data.load import load_dataset
    from ..errors import PartyintlError

    try:
        return load_dataset(data)
    except PartyintlError:
        return None


def _countries(ds: Dataset) -> list[str]:
    names = {o["country"] for o in ds.raw_partners if o.get("country")}
    names |= {o["country_code"] for o in ds.raw_partners if o.get("country_code")}
    return sorted(names)


def _regions(ds: Dataset) -> list[str]:
    return sorted({o["region"] for o in ds.raw_orgs.values() if o.get("region")})


def _partners(ds: Dataset) -> list[str]:
    return [*ds.raw_orgs, *(o["name"] for o in ds.raw_orgs.values())]


def _people(ds: Dataset) -> list[str]:
    people = ds.raw.get("people", ())
    return [n for p in people for n in (p["id"], p["name"], p.get("family_name")) if n]


def _tags(ds: Dataset) -> list[str]:
    return sorted({t for o in ds.raw_partners for t in o.get("ideology") or ()})


def values_for(kind: str, command: str, incomplete: str, data: str | None = None) -> list[str]:
    """Values of one kind (country, region, partner, fields) that match what was typed."""
    if kind == "fields":
        head, _, last = incomplete.rpartition(",")
        prefix = f"{head}," if head else ""
        from ._help import FIELDS

        names = FIELDS.get(command) or []
        return [prefix + n for n in names if n.startswith(last)]
    ds = _dataset(data)
    if ds is None:
        return []
    pool = {
        "country": _countries,
        "region": _regions,
        "partner": _partners,
        "person": _people,
        "tag": _tags,
    }[kind](ds)
    return _matching(pool, incomplete)


def _matching(pool: list[str], incomplete: str) -> list[str]:
    """Values that start with the word, ignoring case and accents; each value once."""
    key = fold(incomplete)
    return list(dict.fromkeys(v for v in pool if fold(v).startswith(key)))


def candidates(words: list[str], incomplete: str) -> list[str] | None:
    """What to offer for the word being typed after `words`; None to let the shell offer files."""
    table = option_table(SPEC.root)
    data = _data_file(words)
    i = root_end(words)
    if i >= len(words):  # the command word, or a root option, or the value of one
        last = table.get(words[-1]) if words else None
        if last is not None and takes_value(last):
            return _option_values(last, "", incomplete, data)
        if incomplete.startswith("-"):
            return _matching(list(table) + list(SPEC.help_names), incomplete)
        return _matching([cmd.name for cmd in SPEC.commands], incomplete)
    command = SPEC.command(words[i])
    if command is None:
        return []
    options = option_table(command.options)
    args = words[i + 1 :]
    previous = args[-1] if args else ""
    opt = options.get(previous) or table.get(previous)
    if opt is not None and takes_value(opt):
        return _option_values(opt, command.name, incomplete, data)
    if incomplete.startswith("-"):
        return _matching([*options, *SPEC.help_names], incomplete)
    position = _positional_index(args, {**table, **options})
    if position >= len(command.arguments):
        return []
    return _source_values(command.arguments[position].completes, command.name, incomplete, data)


def _positional_index(args: list[str], options: dict[str, Option]) -> int:
    """How many positional arguments precede the word being typed."""
    count = 0
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg.startswith("-") and arg != "-":
            opt = options.get(arg)
            skip = opt is not None and opt.takes_value and "=" not in arg
            continue
        count += 1
    return count


def _data_file(words: list[str]) -> str | None:
    """The data file a `--data` typed on the line names (before or after the command)."""
    names = [name for opt in SPEC.root if opt.dest == "data" for name in opt.names]
    found = None
    for n, word in enumerate(words):
        name, eq, value = word.partition("=")
        if name in names:
            found = value if eq else words[n + 1] if n + 1 < len(words) else found
    return found


def _option_values(
    opt: Option, command: str, incomplete: str, data: str | None
) -> list[str] | None:
    choices = opt.choices
    if choices:
        return _matching(choices, incomplete)
    return _source_values(opt.completes, command, incomplete, data)


def _source_values(
    source: str, command: str, incomplete: str, data: str | None
) -> list[str] | None:
    """Values from where the spec says they come; None lets the shell offer file names."""
    if source == "file":
        return None
    if not source:
        return []
    return values_for(source, command, incomplete, data)


def split_words(line: str) -> list[str]:
    """Split a command line as the shell would, tolerating an unclosed quote at the end."""
    import shlex

    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    words: list[str] = []
    try:
        words.extend(lexer)
    except ValueError:  # an unclosed quote: the word typed so far
        words.append(lexer.token)
    return words


def _words(shell: str) -> tuple[list[str], str]:
    """The words before the cursor and the one being typed, as each shell hands them over."""
    if shell == "bash":
        words = split_words(os.environ.get("COMP_WORDS", ""))
        try:
            cword = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:
            cword = len(words)
        return words[1:cword], words[cword] if cword < len(words) else ""
    line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split_words(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _bash_escape(value: str) -> str:
    import re

    return re.sub(r"([^\w@%+=:,./-])", r"\\\1", value)


def _zsh_quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def answer(mode: str) -> str | None:
    """What the shell should offer, in its own format; None for modes we do not know."""
    action, _, shell = mode.partition("_")
    if shell not in SCRIPTS or action not in ("complete", "source"):
        return None
    if action == "source":
        return script(shell)
    if shell == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") != "get-args":
        return ""
    words, incomplete = _words(shell)
    values = candidates(words, incomplete)
    if shell == "bash":
        return "\n".join(_bash_escape(v) for v in values or ())
    if shell == "zsh":
        if values is None:
            return "_files"
        return " ".join(["compadd -U --", *(_zsh_quote(v) for v in values)])
    return "\n".join(values or ())
