"""The command line, written once, by hand: every command, argument and option as data.

Everything else about the command line is built from this module and nothing else: the
Typer app (cli/app.py), the fast interpreter and argument normaliser (cli/interpret.py,
cli/argv.py), shell completion for bash, zsh and fish (cli/completion.py), the stored
`--help` texts (cli/_help.py, generated) and the README's command, option and field
tables (scripts/update_readme.py). tests/test_spec.py changes one attribute here and checks
that all of them follow.

Kept light: the fast path imports it on every run, so it names parsers by their name in
cli/values.py and imports nothing but the enums whose values the help texts list.
"""

from __future__ import annotations

from ..collection.kinds import NetworkFormat, NetworkGraph
from ..data.enums import GLOSS, PRINTED, PartnerType
from ..data.load import ENV_VAR
from ..environment import DEBUG
from ..errors import MAX_LISTED
from ..export import ExportFormat
from ..link import DEFAULT_THRESHOLD
from ..query import MAX_SEARCH, SEARCHED, SortKey
from ..render.view import FORMAT_ALIASES, OutputFormat
from .values import NameStyle, Shell, allowed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dataclasses import dataclass
    from enum import Enum
    from typing import Any, Literal, TypeVar

    _T = TypeVar("_T")

    #: value: takes a value; flag: on when given; version, completion: answered at once.
    Action = Literal["value", "flag", "version", "completion"]
    #: Where the values of an option or argument come from when a shell completes them:
    #: the countries --country knows, the regions data, what `show` finds (any record),
    #: organisations, people (these three of the main file, as the commands about one
    #: party find them), an organisation of any loaded file (as memberships, shared, ties
    #: and --member-of find them), the command's fields, a file, the dataset's ideology
    #: tags, the languages the contact labels can be shown in.
    Source = Literal[
        "country",
        "region",
        "record",
        "organisation",
        "loaded-organisation",
        "person",
        "fields",
        "file",
        "tag",
        "lang",
        "",
    ]
else:

    def dataclass(*, frozen: bool) -> object:
        """What the fast path gets for @dataclass(frozen=True): _record (see there)."""
        return _record


_MISSING = object()


def _record(cls: type[_T]) -> type[_T]:
    """A frozen record class made from its annotated fields, as dataclasses would make it.

    The fields are the class's own annotations, in order; a class attribute of the same
    name is the field's default. Instances take the fields by position or keyword, compare
    and hash by their values, print as `Option(names=..., ...)`, and refuse changes
    (`replace` makes a changed copy). The fast path imports this module on every run, and
    importing dataclasses (with inspect and ast) and running its decorator took about as
    long as Python's own start-up; mypy checks the classes as the dataclasses they act as
    (tests/test_spec.py holds the two to the same behaviour).
    """
    names = tuple(cls.__dict__.get("__annotations__", {}))
    # Every field in order, a default or _MISSING: an instance's values start as a copy.
    template = {n: cls.__dict__.get(n, _MISSING) for n in names}

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes at most {len(names)} values")
        values = template.copy()
        values.update(zip(names, args, strict=False))
        if kwargs:
            if not template.keys() >= kwargs.keys() or set(names[: len(args)]) & kwargs.keys():
                raise TypeError(f"{cls.__name__}: unexpected or repeated field in {kwargs}")
            values.update(kwargs)
        if any(value is _MISSING for value in values.values()):
            missing = [key for key, value in values.items() if value is _MISSING]
            raise TypeError(f"{cls.__name__}: missing field {missing[0]!r}")
        self.__dict__.update(values)

    def __setattr__(self: Any, key: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {key!r}: {cls.__name__} is frozen")

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self.__dict__ == other.__dict__)

    def __hash__(self: Any) -> int:
        return hash(tuple(self.__dict__.values()))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self.__dict__.items())
        return f"{cls.__name__}({shown})"

    for method in (__init__, __setattr__, __eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    members: dict[str, object] = {"__init__": __init__, "__setattr__": __setattr__}
    members.update(__delattr__=__setattr__, __eq__=__eq__, __hash__=__hash__, __repr__=__repr__)
    members["_fields"] = names
    for name, value in members.items():
        setattr(cls, name, value)
    return cls


def replace(record: _T, **changes: Any) -> _T:
    """A copy of a spec record (Option, Argument, Command, Spec) with some fields changed."""
    values = {**record.__dict__, **changes}
    return type(record)(**values)


@dataclass(frozen=True)
class Option:
    """One option: its names, how its value is read, its default and its help."""

    #: Every name it answers to, the long one first: `("--country", "-c")`.
    names: tuple[str, ...]
    #: The keyword the command body receives its value as.
    dest: str
    help: str
    #: How the value is shown in help; in brackets when it may be left out (`[A,B,C]`).
    metavar: str = ""
    action: Action = "value"
    #: The cli/values.py parser (by name) that checks and converts a typed value.
    parser: str | None = None
    #: Given several times, the values add up (a tuple); else giving it twice with two
    #: values is a usage error (argv.refuse_repeated).
    multiple: bool = False
    #: A flag's default is True or False; a value's is the text a user would type, which
    #: both paths put through the parser as they do a given value.
    default: str | bool | None = None
    required: bool = False
    #: An environment variable read when the option is not given.
    envvar: str | None = None
    #: What a shell completes its value from, beside the parser's choices.
    completes: Source = ""
    #: Several values in one word are separated by this (`-t party,npo`).
    separator: str = ""
    #: What the file (or folder) it names is, when the command reads it ("the decisions
    #: file"): the command's `-o` never names it (commands.refuse_reads).
    reads: str = ""
    #: Its value names a file or folder: the operating system gets it as the bytes typed
    #: (values.os_path), whatever the locale.
    path: bool = False

    @property
    def optional(self) -> bool:
        """Whether the value may be left out (`--fields` alone lists the fields)."""
        return self.metavar.startswith("[")

    @property
    def choices(self) -> list[str] | None:
        """The values its parser accepts, when they are a fixed set."""
        from .values import CHOICES

        enum = CHOICES.get(self.parser or "")
        return [str(m.value) for m in enum] if enum else None

    @property
    def takes_value(self) -> bool:
        """Whether a value follows the option on the line."""
        return self.action in ("value", "completion")


@dataclass(frozen=True)
class Argument:
    """One positional argument of a command."""

    dest: str
    metavar: str
    help: str
    required: bool = True
    completes: Source = ""
    #: Several values in one word are separated by this.
    separator: str = ""
    #: What the file it names is, when the command reads it (as Option.reads).
    reads: str = ""
    #: Its value names a file or folder (as Option.path).
    path: bool = False


@dataclass(frozen=True)
class Command:
    """One command: its help (first line, then more), examples and parameters."""

    name: str
    help: str
    examples: tuple[str, ...]
    options: tuple[Option, ...] = ()
    arguments: tuple[Argument, ...] = ()
    #: The name of its body in commands.py (when the command's name is a Python word).
    body: str = ""

    @property
    def function(self) -> str:
        """The name of the command body."""
        return self.body or self.name


@dataclass(frozen=True)
class Spec:
    """The whole command line."""

    name: str
    help: str
    examples: tuple[str, ...]
    help_names: tuple[str, ...]
    #: Options before the command (or, for `global_names`, after it too).
    root: tuple[Option, ...]
    commands: tuple[Command, ...] = ()

    def command(self, name: str) -> Command | None:
        """The command of that name, if there is one."""
        for cmd in self.commands:
            if cmd.name == name:
                return cmd
        return None

    @property
    def movable(self) -> tuple[Option, ...]:
        """Root options that may also follow the command (as with `gh` and `git`)."""
        return tuple(o for o in self.root if o.action in ("value", "flag"))


def _choices(enum: type[Enum]) -> str:
    return allowed(enum)


FORMAT = Option(
    ("--format", "-f"),
    "fmt",
    f"Output format: {_choices(OutputFormat)} (default: table on a terminal, plain when "
    "piped; csv-excel is CSV for spreadsheets, formulas neutralised; svg, html and png are "
    "figures); also as file extensions name them: "
    + ", ".join(f"{alias} ({fmt.value})" for alias, fmt in FORMAT_ALIASES.items())
    + ".",
    metavar="FORMAT",
    parser="output_format",
)
JSON = Option(("--json",), "json_", "Shortcut for --format json.", action="flag", default=False)
FIELDS = Option(
    ("--fields",),
    "fields",
    "Comma-separated fields to output, in order (an empty one, as in name,,country, is an "
    "error); alone, list the fields.",
    metavar="[A,B,C]",
    completes="fields",
    separator=",",
)
TYPE = Option(
    ("--type", "-t"),
    "type_",
    f"Only partners of this type: {_choices(PartnerType)} (repeatable).",
    metavar="TYPE",
    parser="partner_type",
    multiple=True,
    separator=",",
)
TO_FILE = Option(
    ("--output", "-o"),
    "output",
    "Write to this file instead of stdout, as a whole or not at all (an existing file is "
    "replaced only by the complete new one); without --format, the format follows the "
    "extension (.csv, .json, .md, .svg, .png, ...; plain otherwise); with it, a name whose "
    "extension says another format is refused (.txt takes any text).",
    metavar="FILE",
    path=True,
    completes="file",
)
#: How rows are shown: format, JSON shortcut, fields.
LISTING = (FORMAT, JSON, FIELDS)
#: The options of every command that answers with rows (and writes them where -o says).
OUTPUT = (*LISTING, TO_FILE)

SPEC = Spec(
    name="partyintl",
    help="Query a party's international relations: partners, memberships, people, "
    "events and contacts (bundled: A JUST RUSSIA).",
    examples=(
        "partyintl partners --country Germany",
        "partyintl --data other-party.json timeline --json",
    ),
    help_names=("-h", "--help"),
    root=(
        Option(
            ("--data",),
            "data",
            "Data file to query instead of the bundled dataset (- reads standard input); a "
            "folder of data files, or a bundled dataset by name (bundled, "
            "bundled:si-membership). Repeat it to load "
            f"several: the first is the party asked about (or set {ENV_VAR}, paths joined "
            "by ':'). Also after the command.",
            metavar="PATH",
            path=True,
            completes="file",
            multiple=True,
        ),
        Option(
            ("--no-color",),
            "no_color",
            "Never use colour (also after the command).",
            action="flag",
            default=False,
        ),
        Option(
            ("--debug",),
            "debug",
            f"Show tracebacks of errors (also {DEBUG}=1).",
            action="flag",
            default=False,
        ),
        Option(
            ("--names",),
            "names",
            f"Names in tables and pictures: {_choices(NameStyle)} (source: as the page gives "
            "them; usual: the usual English names from Party Facts and Wikidata where known). "
            "Also after the command.",
            metavar="STYLE",
            parser="name_style",
            default=NameStyle.SOURCE.value,
        ),
        Option(
            ("--version",),
            "version",
            "Print the version and exit.",
            action="version",
            default=False,
        ),
        Option(
            ("--install-completion",),
            "install_completion",
            f"Install completion for {_choices(Shell)} (default: the shell you are in).",
            metavar="[SHELL]",
            action="completion",
            parser="shell",
        ),
        Option(
            ("--show-completion",),
            "show_completion",
            "Print the completion script for a shell (default: the shell you are in).",
            metavar="[SHELL]",
            action="completion",
            parser="shell",
        ),
    ),
    commands=(
        Command(
            "partners",
            "List the party's foreign partners, filtered and sorted.",
            (
                "partyintl partners --country Germany --type npo",
                "partyintl partners --search labour --sort name --json",
            ),
            options=(
                Option(
                    ("--country", "-c"),
                    "country",
                    "Country: name (in English or another language: Deutschland, Германия), "
                    "ISO alpha-2/alpha-3 code or common name (repeatable; "
                    "commas separate countries, but a name with a comma, as in 'Korea, Rep.', "
                    "is one).",
                    metavar="COUNTRY",
                    multiple=True,
                    completes="country",
                    separator=",",
                ),
                TYPE,
                Option(
                    ("--region",),
                    "region",
                    "Transnational bodies of a region and the partners in its countries: a "
                    "union (EU, CIS), a continent or a UN M49 sub-region (the regions command "
                    "lists them).",
                    metavar="REGION",
                    completes="region",
                ),
                Option(
                    ("--search", "-s"),
                    "search",
                    f"Text in {SEARCHED} (accent-insensitive; up to {MAX_SEARCH:,} characters).",
                    metavar="TEXT",
                ),
                Option(
                    ("--ideology",),
                    "ideology",
                    "Only partners with this position or ideology tag (Wikipedia, via Party "
                    "Facts), e.g. far-right, communism (repeatable; any of them); the tags "
                    "command lists them.",
                    metavar="TAG",
                    multiple=True,
                    completes="tag",
                    separator=",",
                ),
                Option(
                    ("--left-right",),
                    "left_right",
                    "Only partners whose left-right score lies in this range (-2.5 far left to "
                    "2.5 far right; an end may be left open: 1.5..). Partners without one are "
                    "left out; the score is shown in a column of its own.",
                    metavar="MIN..MAX",
                    parser="score_range",
                ),
                Option(
                    ("--sort",),
                    "sort",
                    f"Order of the list: {_choices(SortKey)} (from far left; partners "
                    "without a score last; the score is then shown in a column of its own, "
                    "last in plain output).",
                    metavar="ORDER",
                    parser="sort_key",
                    default=SortKey.SOURCE.value,
                ),
                Option(
                    ("--limit", "-n"),
                    "limit",
                    "At most this many partners.",
                    metavar="N",
                    parser="count",
                ),
                Option(
                    ("--member-of",),
                    "member_of",
                    "The partners' statuses in this international (e.g. SI) over time, from "
                    "every loaded data file, with dates and sources: load its decisions with "
                    "--data bundled --data bundled:si-membership.",
                    metavar="ORG",
                    completes="loaded-organisation",
                ),
                Option(
                    ("--as-of",),
                    "as_of",
                    "With --member-of: the statuses held at some time within this date (EDTF: "
                    "a day, 2022-03-07; a year, month or interval, 2022 or 2009/2011, means "
                    "all its days; an open end, 2009/.., runs on; not 2016? or 2016~), each "
                    "with how surely: "
                    "certain, or possibly (held on only part of those days; a date known "
                    "only within bounds, or uncertain or approximate, 2016? or 2016~; no "
                    "start date). A membership that had ended shows how it ended, when and "
                    "on which source.",
                    metavar="DATE",
                    parser="asked_date",
                ),
                *OUTPUT,
            ),
        ),
        Command(
            "show",
            "Everything known about one organisation, person or event.",
            ('partyintl show "Socialist International"', "partyintl show Mironov"),
            options=OUTPUT,
            arguments=(
                Argument(
                    "name",
                    "NAME",
                    "An id, a name, another name or a unique part of one from a word's start: a "
                    "partner or other organisation, a person, or an event (e.g. '24th Congress', "
                    "Leipzig).",
                    completes="record",
                ),
            ),
        ),
        Command(
            "countries",
            "How many partners each country and region has, split by type.",
            ("partyintl countries --type party", "partyintl countries --format csv"),
            options=(TYPE, *OUTPUT),
        ),
        Command(
            "map",
            "A world map of the partners' countries (on a terminal, the table it is drawn from).",
            (
                "partyintl map --format svg > map.svg",
                "partyintl map --type party --format png > map.png",
            ),
            options=(TYPE, *OUTPUT),
            body="map",
        ),
        Command(
            "graph",
            "The party's network: partners, internationals and people (a figure in svg or png).",
            ("partyintl graph --format svg > network.svg", "partyintl graph --format csv"),
            options=OUTPUT,
        ),
        Command(
            "spectrum",
            "The party and its partners on the left-right scale; those without a score apart.",
            ("partyintl spectrum", "partyintl spectrum --type party --json"),
            options=(
                TYPE,
                Option(
                    ("--region",),
                    "region",
                    "Only partners of this region (see regions).",
                    metavar="REGION",
                    completes="region",
                ),
                *OUTPUT,
            ),
        ),
        Command(
            "timeline",
            "Status changes and ends, events and appointments in date order, with their sources.",
            ("partyintl timeline --org SI --since 2013", "partyintl timeline --until 2009 --json"),
            options=(
                Option(
                    ("--org",),
                    "org",
                    "Only what concerns this organisation, e.g. SI.",
                    metavar="ORG",
                    completes="organisation",
                ),
                Option(
                    ("--since",),
                    "since",
                    "Entries that overlap this year or a later one: an event until its end, a "
                    "status until it ends or the next replaces it, one with no end until the "
                    "date a source says it holds as of. Undated ones are left out.",
                    metavar="YEAR",
                    parser="year",
                ),
                Option(
                    ("--until",),
                    "until",
                    "Entries that begin in this year or earlier. With --since, what overlaps "
                    "the years between, both included.",
                    metavar="YEAR",
                    parser="year",
                ),
                *OUTPUT,
            ),
        ),
        Command(
            "people",
            "Everybody the sources name (or one of them): posts, delegations led, events.",
            ("partyintl people", "partyintl people Levichev --json"),
            options=OUTPUT,
            arguments=(
                Argument(
                    "name",
                    "[NAME]",
                    "Only the person with this id, name or a part of a name from a word's start.",
                    required=False,
                    completes="person",
                ),
            ),
        ),
        Command(
            "contacts",
            "The party's phones, fax and website, with any restriction.",
            ("partyintl contacts --lang ru", "partyintl contacts --format csv"),
            options=(
                Option(
                    ("--lang",),
                    "lang",
                    f"Labels in English ({GLOSS}: the glosses), as printed ({PRINTED}), or in "
                    "the language they are printed in (ru).",
                    metavar="LANG",
                    parser="contact_lang",
                    default=GLOSS,
                    completes="lang",
                ),
                *OUTPUT,
            ),
        ),
        Command(
            "report",
            "One self-contained HTML page: figures, partner table, people, contacts, sources."
            "\n\nThe page says when it was made (UTC; SOURCE_DATE_EPOCH fixes the time), by "
            "which version, and as of when its data holds.",
            (
                "partyintl report -o report.html",
                "partyintl --data other-party.json report -o other.html",
            ),
            options=(
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write the page to this file (atomically) instead of stdout.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
            ),
        ),
        Command(
            "sources",
            "The sources the data file cites: what each is, as of when, how many facts cite it.",
            ("partyintl sources", "partyintl sources --json"),
            options=OUTPUT,
            body="sources",
        ),
        Command(
            "regions",
            "The regions --region knows: unions as of the file's date, continents and UN "
            "M49 sub-regions.",
            ("partyintl regions", "partyintl regions --format json"),
            options=OUTPUT,
            body="regions",
        ),
        Command(
            "tags",
            "The position and ideology tags --ideology knows, with how many partners have each.",
            ("partyintl tags", "partyintl tags --format csv -o tags.csv"),
            options=OUTPUT,
        ),
        Command(
            "export",
            "Export the whole dataset: Popolo JSON, a GraphML network, SQLite or a Data Package.",
            (
                "partyintl export --format sqlite -o partyintl.db",
                "partyintl export --format popolo > popolo.json",
            ),
            options=(
                Option(
                    ("--format", "-f"),
                    "fmt",
                    f"Export format: {_choices(ExportFormat)}.",
                    metavar="FORMAT",
                    parser="export_format",
                    required=True,
                ),
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write to this file (atomically) instead of stdout; for datapackage, a new "
                    "or empty folder. sqlite and datapackage need it.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
            ),
        ),
        Command(
            "validate",
            "Check a data file in full, say its schema version, and report every problem.",
            ("partyintl validate my-party.json", "partyintl validate --all my-party.json"),
            options=(
                Option(
                    ("--all",),
                    "every",
                    "List every problem, in file order; without it, root causes come first "
                    "(what lies inside a value of the wrong type is left out, a missing id "
                    "named again and again is given once) and at most "
                    f"{MAX_LISTED} are listed.",
                    action="flag",
                    default=False,
                ),
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write the summary of a valid file to this file (as a whole or not at all) "
                    "instead of stdout; nothing is written for an invalid one.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
            ),
            arguments=(
                Argument(
                    "path",
                    "[PATH]",
                    "Data file to check, or a folder of them (default: --data, "
                    f"{ENV_VAR} or the bundled one).",
                    required=False,
                    completes="file",
                    path=True,
                ),
            ),
        ),
        Command(
            "upgrade",
            "Upgrade a data file of schema version 1 to version 2, losing nothing.",
            (
                "partyintl upgrade old.json -o new.json",
                "partyintl upgrade old.json --as-of 2019 > new.json",
            ),
            options=(
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write the upgraded file here (atomically) instead of stdout.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
                Option(
                    ("--as-of",),
                    "as_of",
                    "The date the file holds as of (e.g. 2018), where the old file does not "
                    "say (it is derived from the page's copyright years otherwise).",
                    metavar="DATE",
                    parser="edtf_date",
                ),
            ),
            arguments=(
                Argument(
                    "old",
                    "OLD",
                    "A data file of an older schema version.",
                    completes="file",
                    path=True,
                    reads="the old file",
                ),
            ),
        ),
        Command(
            "schema",
            "Every field of a data file, in words (generated from the models).",
            (
                "partyintl schema | less",
                "partyintl schema --json > partners.schema.json",
            ),
            options=(
                Option(
                    ("--json",),
                    "json_",
                    "Print the JSON Schema (from the same models) instead of the words.",
                    action="flag",
                    default=False,
                ),
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write the schema to this file instead of stdout, as a whole or not at all.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
            ),
        ),
        Command(
            "draft",
            "Draft a data file from a party's page or a CSV table of names (or of an "
            "international's membership decisions), to be checked.",
            (
                "partyintl draft page.html -o draft.json",
                "partyintl draft page.txt --url https://example.org/intl --retrieved 2024-05-02 "
                "-o draft.json",
            ),
            options=(
                Option(
                    ("--url",),
                    "url",
                    "Where the page (or a table without a source column) is published.",
                    metavar="URL",
                ),
                Option(
                    ("--retrieved",),
                    "retrieved",
                    "When the copy was taken (EDTF: 2024-05-02).",
                    metavar="DATE",
                    parser="edtf_date",
                ),
                Option(
                    ("--published",),
                    "published",
                    "When the page or table was published (EDTF: 2018, 2018-05, 2013/2018); "
                    "default: the years of a page's copyright line.",
                    metavar="DATE",
                    parser="edtf_date",
                ),
                Option(
                    ("--language",),
                    "language",
                    "The page's or table's language (en, de, pt-BR); default: what an HTML page "
                    "declares (a table: en).",
                    metavar="LANG",
                ),
                Option(
                    ("--party",),
                    "party",
                    "The name of the party the page is about (default: read off its title, or its "
                    "first paragraphs when the title names no party); for "
                    "a table, the party whose list it is, or the international whose decisions.",
                    metavar="NAME",
                ),
                Option(
                    ("--sources",),
                    "sources",
                    "For a table: a JSON list of the sources its source column names (title, "
                    "url, publisher, dates, notes, as a data file declares them).",
                    metavar="FILE",
                    path=True,
                    completes="file",
                    reads="the sources file",
                ),
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write the draft to this file (atomically) instead of stdout.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
            ),
            arguments=(
                Argument(
                    "page",
                    "PAGE",
                    "A party's page about its international relations, saved as plain text or "
                    "HTML (UTF-8), in any language; or a CSV table of names as printed.",
                    completes="file",
                    path=True,
                    reads="the page or table",
                ),
            ),
        ),
        Command(
            "link",
            "Party Facts candidates for each party, with evidence; decisions recorded and applied.",
            (
                "partyintl link draft.json -o decisions.csv",
                "partyintl link draft.json --apply decisions.csv -o linked.json",
            ),
            options=(
                Option(
                    ("--partyfacts",),
                    "partyfacts",
                    "A checkout of Party Facts (hdigital/partyfactsdata) to read instead of the "
                    "snapshot in the package.",
                    metavar="DIR",
                    path=True,
                    completes="file",
                    reads="a table of the Party Facts folder",
                ),
                Option(
                    ("--output", "-o"),
                    "output",
                    "Write the candidates as a decisions file (CSV; rows an existing one has "
                    "decided are kept) instead of listing them (unless --format asks); with "
                    "--apply, the linked data file.",
                    metavar="FILE",
                    path=True,
                    completes="file",
                ),
                Option(
                    ("--accept-unique",),
                    "accept_unique",
                    "Accept a record's sole candidate that scores the threshold or more (marked "
                    "as machine-accepted).",
                    action="flag",
                    default=False,
                ),
                Option(
                    ("--threshold",),
                    "threshold",
                    f"The score (0-100) --accept-unique needs (default {DEFAULT_THRESHOLD:g}): "
                    "a record's candidate is accepted when it is the only one scoring this or "
                    "more, so a lower threshold, letting more candidates in, accepts fewer.",
                    metavar="X",
                    parser="match_score",
                ),
                Option(
                    ("--relink",),
                    "relink",
                    "Seek candidates for records that carry a Party Facts id already too (they "
                    "are reported as linked, and --apply keeps their links, otherwise).",
                    action="flag",
                    default=False,
                ),
                Option(
                    ("--apply",),
                    "apply",
                    "Write the accepted links of this decisions file into the data file.",
                    metavar="DECISIONS",
                    path=True,
                    completes="file",
                    reads="the decisions file",
                ),
                *LISTING,
            ),
            arguments=(
                Argument(
                    "draft",
                    "DRAFT",
                    "The data file whose parties to link.",
                    completes="file",
                    path=True,
                    reads="the data file",
                ),
            ),
        ),
    ),
)


COLLECTION_COMMANDS = (
    Command(
        "memberships",
        "An organisation's memberships over time (or an international's members), from every "
        "loaded data file, each period with its file and sources.",
        (
            'partyintl --data bundled --data bundled:si-membership memberships "A JUST RUSSIA"',
            "partyintl --data bundled:si-membership memberships SI --json",
        ),
        options=OUTPUT,
        arguments=(
            Argument(
                "name",
                "NAME",
                "An organisation: id, name, other name, FILE:ID, or an id of Party Facts or "
                "Wikidata (partyfacts:2244, Q210692).",
                completes="loaded-organisation",
            ),
        ),
    ),
    Command(
        "shared",
        "Partners two parties both list (same organisation by Party Facts or Wikidata id), with "
        "each listing's file, source and date.",
        (
            "partyintl --data one.json --data other.json shared 'Party A' 'Party B'",
            "partyintl --data parties/ shared partyfacts:383 partyfacts:1338 --format csv",
        ),
        options=OUTPUT,
        arguments=(
            Argument("first", "PARTY", "The first party.", completes="loaded-organisation"),
            Argument("second", "PARTY", "The second party.", completes="loaded-organisation"),
        ),
    ),
    Command(
        "ties",
        "Who lists whom: an organisation's partners and the parties that list it, with "
        "reciprocity, file, source and date.",
        (
            "partyintl --data parties/ ties SPD",
            "partyintl --data parties/ ties partyfacts:383 --format csv",
        ),
        options=OUTPUT,
        arguments=(
            Argument(
                "name",
                "NAME",
                "An organisation: id, name, other name, FILE:ID, or a Party Facts or Wikidata id.",
                completes="loaded-organisation",
            ),
        ),
    ),
    Command(
        "network",
        "The network across the loaded files: GEXF with time intervals, GraphML, node and edge "
        "CSVs with provenance, or SQLite with keys (datasette).",
        (
            "partyintl --data parties/ network --format gexf -o ties.gexf",
            "partyintl --data bundled --data bundled:si-membership network --graph membership "
            "--format csv -o membership-csv",
        ),
        options=(
            Option(
                ("--format", "-f"),
                "fmt",
                f"{_choices(NetworkFormat)}: gexf (Gephi, with time intervals), csv (a folder: "
                "nodes.csv and edges.csv), sqlite (the whole collection, with keys).",
                metavar="FORMAT",
                parser="network_format",
                required=True,
            ),
            Option(
                ("--graph",),
                "graph",
                f"{_choices(NetworkGraph)}: ties (who lists whom, directed), membership "
                "(parties and internationals, two-mode), projection (parties linked by the "
                "internationals they share).",
                metavar="GRAPH",
                parser="network_graph",
                default="ties",
            ),
            Option(
                ("--output", "-o"),
                "output",
                "Write to this file (atomically) instead of stdout; for csv a new or empty "
                "folder. csv and sqlite need it.",
                metavar="FILE",
                path=True,
                completes="file",
            ),
        ),
    ),
)

SPEC = replace(SPEC, commands=(*SPEC.commands, *COLLECTION_COMMANDS))


def usage_hint(command_path: str) -> str:
    """The hint under every usage error: where the help is (`partyintl partners`)."""
    return f"Try '{command_path} --help' for help."


def with_option(spec: Spec, command: str, dest: str, **changes: object) -> Spec:
    """A copy of the spec with one option of one command changed (for tests and tools)."""
    commands = tuple(
        replace(
            cmd,
            options=tuple(replace(o, **changes) if o.dest == dest else o for o in cmd.options),
        )
        if cmd.name == command
        else cmd
        for cmd in spec.commands
    )
    return replace(spec, commands=commands)


#: Options that narrow a command's answer to fewer records (a figure too big to draw
#: suggests the ones its command has).
NARROWING = (
    "country",
    "region",
    "type_",
    "search",
    "ideology",
    "left_right",
    "limit",
    "member_of",
    "org",
    "since",
    "until",
)


def narrowing(command: str) -> list[str]:
    """The options of `command` that narrow its answer, as the command line spells them."""
    found = SPEC.command(command)
    if found is None:
        return []
    return [o.names[0] for o in found.options if o.dest in NARROWING]


def flag(dest: str, command: str | None = None, short: bool = False) -> str:
    """The long name of an option (the short one if asked and it has one), by the keyword
    its value reaches the body as.

    For messages written below the command line (`give the earlier year to --since`), so
    an option's name is spelled here only. Root options are found from any command.
    Raises KeyError for a keyword no option has.
    """
    cmd = SPEC.command(command) if command else None
    pools = [cmd.options] if cmd is not None else [c.options for c in SPEC.commands]
    for options in (*pools, SPEC.root):
        for opt in options:
            if opt.dest == dest:
                return opt.names[-1] if short else opt.names[0]
    raise KeyError(dest)


def reads(command: str, dest: str) -> str:
    """What the file an option or argument of a command names is (its `reads`, "the
    page"), for messages about that file. Raises KeyError when it names no file read."""
    cmd = SPEC.command(command)
    params: list[Option | Argument] = [*cmd.options, *cmd.arguments] if cmd else []
    for param in params:
        if param.dest == dest and param.reads:
            return param.reads
    raise KeyError(dest)
