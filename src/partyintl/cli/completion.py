"""Shell completion for bash, zsh and fish, answered from the spec and the data.

The shell's script (SCRIPTS) hands over the command line up to the cursor as typed; it is
read as that shell reads it (cli/shellwords.py: quotes, backslashes, `~`, a `#` inside a
word), so `--data=f.json show Renew`, `show "Party of Eu` and `partyfacts:20` complete.
What each option and argument takes comes from the spec (cli/spec.py: a parser's
choices, `completes`, `separator`), and the values from the same data the command
accepts: the regions file, every country --country knows, the records `show`, `people`
and `--org` find. The `--data` values on the line (else PARTYINTL_DATA, else the bundled
dataset) name the data files as the command resolves them (collection.resolve: a file,
a folder, `bundled:NAME`), and values come from them as the command finds them: the main
file's records for the commands about one party, every file's organisations for those
across files (spec.Source). Each file is read only if it is a regular file of at most
COMPLETION_MAX_BYTES; nothing here blocks or writes.

The answer's first line says what to offer: `values` (one per line after it), `list`
(zsh: values to show, keeping the word as typed) or `files` (the shell's own file
completion; the next line is a prefix to keep, like `--data=`). bash gets each value
quoted for the spot where readline inserts it; zsh and fish quote values themselves.
"""

from __future__ import annotations

import os

from ..structs import Struct
from .argv import option_table, takes_value
from .spec import SPEC, flag

TYPE_CHECKING = False  # typing itself costs a tab press several milliseconds
if TYPE_CHECKING:
    from ..collection import Collection
    from ..data.load import Dataset
    from .shellwords import Word
    from .spec import Argument, Option

#: The completion scripts. Each passes the line up to the cursor in _PARTYINTL_LINE and
#: never lets an error reach the prompt (stderr is dropped; an empty answer offers nothing).
SCRIPTS = {
    "bash": r"""# partyintl completion for bash 4.1 or later
_partyintl_completion() {
    local reply
    COMPREPLY=()
    reply=$(_PARTYINTL_COMPLETE=complete_bash _PARTYINTL_LINE=${COMP_LINE:0:COMP_POINT} \
        _PARTYINTL_WORDBREAKS=$COMP_WORDBREAKS "$1" 2>/dev/null) || return 0
    case $reply in
    files*) compopt -o default 2>/dev/null ;;
    values*) mapfile -t -s 1 COMPREPLY <<<"$reply" ;;
    esac
    return 0
}
complete -F _partyintl_completion partyintl""",
    "zsh": r"""#compdef partyintl
# partyintl completion for zsh
_partyintl() {
  local -a reply
  local cmd=${(Q)words[1]}
  [[ $cmd == '~/'* ]] && cmd=$HOME/${cmd#\~/}
  reply=("${(@f)$(_PARTYINTL_COMPLETE=complete_zsh \
    _PARTYINTL_LINE="${words[1,CURRENT-1]} $QIPREFIX$PREFIX" $cmd 2>/dev/null)}")
  if [[ $reply[1] == files ]]; then
    [[ -n $reply[2] ]] && compset -P "${(b)reply[2]}"
    _files
  elif [[ $reply[1] == (values|list) && $#reply -gt 1 ]]; then
    compadd -U -- "${(@)reply[2,-1]}"
    [[ $reply[1] == list ]] && compstate[insert]=
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _partyintl "$@"
else
  compdef _partyintl partyintl
fi""",
    "fish": r"""# partyintl completion for fish
function __partyintl_complete
    set -l reply (env _PARTYINTL_COMPLETE=complete_fish \
        _PARTYINTL_LINE=(commandline -cp | string collect) partyintl 2>/dev/null)
    switch "$reply[1]"
        case files
            set -l token (commandline -ct)
            complete -C "__partyintl_no_such_command $token"
        case values
            set -e reply[1]
            printf '%s\n' $reply
    end
end
complete --command partyintl --no-files --arguments '(__partyintl_complete)'""",
}
#: Data files larger than this are not read for completion (a TAB must stay quick).
COMPLETION_MAX_BYTES = 32 * 1024 * 1024


def script(shell: str) -> str:
    """The completion script for a shell (one of SCRIPTS)."""
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


# --- what to offer -------------------------------------------------------------------


class Files(Struct):
    """Offer the shell's file names, after `prefix` (`--data=`) kept as typed."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix


def candidates(words: list[str], typed: str, data: tuple[str, ...] = ()) -> list[str] | Files:
    """What to offer for the word being typed after `words` (those after the program's
    name, as the program gets them), read as the command line reads them: root options,
    the command, its options (and the root ones that may follow it), their values,
    `--opt=value`, `-cVALUE`, `--`. `data` holds the line's --data values, if any."""
    command = None
    table = option_table(SPEC.root)
    pending: Option | None = None
    positional = 0
    only_arguments = False
    for text in words:
        if pending is not None:
            awaiting, pending = pending, None
            if not (awaiting.optional and text.startswith("-")):
                continue  # the word is the option's value
        if not only_arguments and text == "--" and command is not None:
            only_arguments = True
        elif not only_arguments and text.startswith("-") and text != "-":
            name = text.partition("=")[0] if text.startswith("--") else text[:2]
            found = table.get(name)
            if found is not None and takes_value(found) and name == text:
                pending = found
        elif command is None:
            command = SPEC.command(text)
            if command is None:
                return []
            table = {**option_table(SPEC.movable), **option_table(command.options)}
        else:
            positional += 1
    name_of = command.name if command is not None else ""
    if pending is not None and not (typed.startswith("-") and pending.optional):
        return _values(pending, name_of, typed, "", data)
    if not only_arguments and typed.startswith("-"):
        name, eq, value = typed.partition("=")
        long = table.get(name)
        if typed.startswith("--") and eq and long is not None and takes_value(long):
            return _values(long, name_of, value, name + eq, data)
        short = table.get(typed[:2])
        attached = not typed.startswith("--") and len(typed) > 2  # `-cGer`
        if short is not None and attached and takes_value(short):
            return _values(short, name_of, typed[2:], typed[:2], data)
        names = [*table, *SPEC.help_names]
        return [n for n in dict.fromkeys(names) if n.startswith(typed)]
    if command is None:
        return [c.name for c in SPEC.commands if c.name.startswith(typed.casefold())]
    if positional >= len(command.arguments):
        return []
    return _values(command.arguments[positional], name_of, typed, "", data)


def _values(
    param: Option | Argument, command: str, typed: str, prefix: str, data: tuple[str, ...]
) -> list[str] | Files:
    """The values an option or argument takes that begin with `typed`, after `prefix`."""
    if param.completes == "file":
        return Files(prefix)
    if param.separator and param.separator in typed:
        return _listed_values(param, command, typed, prefix, data)
    return _plain_values(param, command, typed, prefix, data)


def _plain_values(
    param: Option | Argument,
    command: str,
    typed: str,
    prefix: str,
    data: tuple[str, ...],
    pool: list[str] | None = None,
) -> list[str]:
    """The values that begin with `typed` (read whole, separator or not), after `prefix`,
    from `pool` when given (else _pool's, which reads the data files)."""
    return [prefix + v for v in matching(_values_pool(param, command, typed, data, pool), typed)]


def _values_pool(
    param: Option | Argument,
    command: str,
    typed: str,
    data: tuple[str, ...],
    pool: list[str] | None = None,
) -> list[str]:
    """Every value a parameter takes: its choices, the command's fields, or its source's
    values (`pool`, when already read)."""
    source = param.completes
    choices = getattr(param, "choices", None)
    if choices:
        return list(choices)
    if source == "fields":
        from ._help import FIELDS

        return list(FIELDS.get(command) or [])
    if not source:
        return []
    return pool if pool is not None else _pool(source, typed, data)


def _listed_values(
    param: Option | Argument, command: str, typed: str, prefix: str, data: tuple[str, ...]
) -> list[str]:
    """The values for the last part of a list (`Armenia,Bel`), and the names that continue
    a part with the separator inside it (`Korea, R`: `Korea, Republic of`, one country as
    --country reads it, query.places). The last part of a --country list is offered only
    after parts that are countries: `Korea` is none, so `Korea,Romania` is not offered."""
    sep = param.separator
    pool = _values_pool(param, command, typed, data)  # read once for every part
    found: list[str] = []
    cuts = [0] + [i + 1 for i, ch in enumerate(typed) if ch == sep]
    for cut in cuts[:-1]:  # from here on, the part holds a separator
        part = typed[cut:]
        lead = part[: len(part) - len(part.lstrip())]
        before = prefix + typed[:cut] + lead
        found += _plain_values(param, command, part.lstrip(), before, data, pool)
    head, _, last = typed.rpartition(sep)
    if param.completes != "country" or _all_countries(head):
        found += _plain_values(param, command, last, prefix + head + sep, data, pool)
    return list(dict.fromkeys(v for v in found if v))


def _all_countries(head: str) -> bool:
    """Whether every part of a --country list's head names one country (query.places;
    not a name several go by, countries.SHARED_NAMES)."""
    from ..data.countries import lookup, several
    from ..query.places import listed

    return all(lookup(part) is not None and not several(part) for part in listed(head))


def _pool(source: str, typed: str, data: tuple[str, ...]) -> list[str]:
    """Every value from one source of the spec, from the data files the command reads:
    the main file (with what the others add to it) for the commands about one party,
    every file for those across files."""
    if source == "region":
        from ..data.regions import regions

        return [n for r in regions().values() for n in (r.name, *r.aliases)]
    loaded = _collection(data)
    if source == "country":
        from ..data.countries import display_names, several

        ds = loaded.main if loaded else None
        own = [o["country"] for o in ds.raw_partners if o.get("country")] if ds else []
        names = [*display_names(), *own]
        if typed:  # once a letter is typed, ISO 3166's own names too ("Korea, Republic of")
            from ..data._iso import COUNTRIES

            names += [name for row in COUNTRIES for name in row[2:4] if name]
        # A name several countries go by (ISO's "Congo") is refused: never offered.
        return [n for n in names if not several(n)]
    if loaded is None:
        return []
    if source == "loaded-organisation":
        return loaded.organisation_names()
    ds = _main(loaded)
    if source == "tag":
        return [t for o in ds.raw_partners for t in o.get("ideology") or ()]
    if source == "lang":
        return _languages(ds)
    from .. import query

    kinds = {
        "record": (query.ORGANISATION, query.PERSON, query.EVENT),
        "organisation": (query.ORGANISATION,),
        "person": (query.PERSON,),
    }[source]
    return query.record_names(ds, kinds, schemes=":" in typed)


def _languages(ds: Dataset) -> list[str]:
    """What --lang takes for this file: en, printed, and the labels' own languages."""
    from ..data.enums import GLOSS, PRINTED

    printed = sorted(
        {
            text["language"].split("-")[0]
            for c in ds.raw.get("contacts", ())
            for key in ("label", "office", "restriction")
            if (text := c.get(key))
        }
        - {GLOSS}
    )
    return [GLOSS, PRINTED, *printed]


def matching(pool: list[str], typed: str) -> list[str]:
    """The values that begin with what was typed: exactly so if any do, else ignoring
    case, accents and punctuation (`ger` finds Germany). Each once, in the pool's order;
    values no shell or terminal should carry (escaping.UNSAFE: control characters, bidi
    controls, line separators) left out; a joiner or a soft hyphen, which Persian and
    other names hold, is carried."""
    import unicodedata

    from ..data.countries import fold
    from ..escaping import UNSAFE

    def carried(value: str) -> bool:  # a format character (Cf) or a space (Zs) is no control
        return not UNSAFE.search(value) and all(
            c.isprintable() or unicodedata.category(c) in ("Cf", "Zs") for c in value
        )

    pool = [v for v in dict.fromkeys(pool) if v and carried(v)]
    exact = [v for v in pool if v.startswith(typed)]
    key = fold(typed)
    if exact or not key:  # as typed, when some are: `Hungar` the name, `hungar` the id
        return exact
    if not fold(typed[-1]):  # `social ` ends a word: `socialism` does not follow
        key += " "
    return [v for v in pool if fold(v).startswith(key)]


def _data_values(words: list[Word]) -> tuple[str, ...]:
    """The values of every `--data` on the line (before or after the command), in order,
    each with a `~` expanded as the shell would."""
    names = [name for opt in SPEC.root if opt.dest == "data" for name in opt.names]
    found: list[str] = []
    for n, word in enumerate(words):
        name, eq, _ = word.text.partition("=")
        if name not in names:
            continue
        if eq:
            found.append(word.expanded(len(name) + 1)[len(name) + 1 :])
        elif n + 1 < len(words):
            found.append(words[n + 1].expanded())
    return tuple(found)


def _collection(values: tuple[str, ...]) -> Collection | None:
    """The data files the --data values name, as the command resolves them (collection.
    resolve: PARTYINTL_DATA when none is given, else the bundled dataset; a folder's
    files; `bundled:NAME`); None when the command would refuse them (a file it cannot
    read, an unknown bundled name), or one is too big to read here."""
    from ..collection import Collection, resolve
    from ..errors import PartyintlError

    try:
        entries = resolve(values)
    except PartyintlError:
        return None
    datasets = [_dataset(entry.path) for entry in entries]
    if not datasets or None in datasets:
        return None
    return Collection([ds for ds in datasets if ds is not None], [e.label for e in entries])


def _main(loaded: Collection) -> Dataset:
    """The dataset the commands about one party answer from (commands.load): the main
    file's, with its party's memberships from every other loaded file."""
    if len(loaded.datasets) == 1:
        return loaded.main
    from ..collection.augment import augmented

    found: Dataset = augmented(loaded)
    return found


def _dataset(path: str) -> Dataset | None:
    """The dataset of one data file, or None when it is no regular file, too big,
    unreadable or invalid. Never blocks: a FIFO or a device is not opened for reading,
    and the file is opened without waiting."""
    import stat

    from ..data.load import load_bytes
    from ..errors import PartyintlError

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > COMPLETION_MAX_BYTES:
            return None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode) or opened.st_ino != info.st_ino:
                return None
            chunks, held = [], 0
            while held <= COMPLETION_MAX_BYTES:
                chunk = os.read(fd, min(1 << 20, COMPLETION_MAX_BYTES + 1 - held))
                if not chunk:
                    break
                chunks.append(chunk)
                held += len(chunk)
        finally:
            os.close(fd)
    except OSError:
        return None
    if held > COMPLETION_MAX_BYTES:
        return None
    try:
        return load_bytes(b"".join(chunks), path, path)
    except PartyintlError:
        return None


# --- the shells' side ----------------------------------------------------------------


def answer(mode: str) -> str | None:
    """What the shell should offer, in the format its script reads; None for unknown modes.

    `mode` is `complete_SHELL` (the line comes in _PARTYINTL_LINE) or `source_SHELL`."""
    from . import shellwords

    action, _, shell = mode.partition("_")
    if shell not in SCRIPTS or action not in ("complete", "source"):
        return None
    if action == "source":
        return script(shell)
    line = shellwords.parse(
        os.environ.get("_PARTYINTL_LINE", ""), "fish" if shell == "fish" else "posix"
    )
    words = line.words[1:]  # the program's name first
    found = candidates([w.text for w in words], line.current.text, _data_values(words))
    if isinstance(found, Files):
        return f"files\n{found.prefix}"
    if shell == "bash":
        breaks = os.environ.get("_PARTYINTL_WORDBREAKS") or shellwords.DEFAULT_WORDBREAKS
        found = shellwords.bash_insertions(line, found, breaks)
    elif shell == "zsh" and len(found) > 1:
        # zsh puts what the values have in common in place of the word, even where that
        # drops what was typed (`sáo`: sao-paulo-forum, São Paulo Forum): list them.
        from ..data.countries import fold

        if not fold(os.path.commonprefix(found)).startswith(fold(line.current.text)):
            return "\n".join(["list", *found])
    return "\n".join(["values", *found])
