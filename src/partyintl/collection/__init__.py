"""Several data files loaded together: a collection, and who is the same organisation.

`--data` may be given several times, name a folder (its `.json` files, in name order) or a
bundled dataset by name (`bundled`, `bundled:si-membership`; see BUNDLED). Each file keeps
its own sources, dates and ids: nothing of one is written into another.

Identity (identity.py): records of different files (or of one) are the same organisation
only when they share a Party Facts id, or, for a record without one, a Wikidata id;
records without either stay apart whatever their names. A tie keeps its direction and
its source: the party of a file lists each of its partners, as of that file's source.

The first file loaded is the *main* one: the commands about one party (partners, show,
timeline, report, ...) answer about its party, and draw its memberships from every
loaded file (augment.py). The questions across files (memberships, shared, ties,
partners --member-of, network) are in questions.py.
"""

from __future__ import annotations

import os
from functools import cached_property

from ..errors import DatasetError, NamesACountry, Problem, UsageError
from ..filenames import STDIN, STDIN_FILE
from ..structs import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from ..data.load import Dataset

    #: What names one data file, folder or bundled dataset (as --data takes them).
    PathValue = str | bytes | os.PathLike[str] | os.PathLike[bytes]

__all__ = [
    "BUNDLED",
    "BUNDLED_PREFIX",
    "Collection",
    "Entry",
    "Tie",
    "bundled_file",
    "load_collection",
    "path_of",
    "resolve",
]

#: The datasets that ship with partyintl, by name: (file, what it is).
BUNDLED = {
    "a-just-russia": (
        "partners.json",
        "A JUST RUSSIA's international relations (the default dataset; also `bundled`)",
    ),
    "si-membership": (
        "si-membership.json",
        "the Socialist International's membership decisions of 2003, of the Cape Town "
        "period (2012/2017) and of 2022, linked to Party Facts",
    ),
}
#: How a --data value names a bundled dataset: `bundled` or `bundled:NAME`.
BUNDLED_PREFIX = "bundled"
#: The bundled dataset `bundled` alone names.
DEFAULT_BUNDLED = "a-just-russia"


class Entry(Struct):
    """One data file to load: its path, the short label outputs name it by, and where
    the user named it (for messages)."""

    __slots__ = ("path", "label", "origin")

    def __init__(self, path: str, label: str, origin: str) -> None:
        self.path = path
        self.label = label
        self.origin = origin


class Tie(Struct):
    """A party of one file listing an organisation as its partner: `source` lists
    `target`, never the other way round, as of `as_of`, on the citation given."""

    __slots__ = ("source", "target", "dataset", "partner_id", "cited", "at", "as_of")

    def __init__(
        self,
        source: str,
        target: str,
        dataset: int,
        partner_id: str,
        cited: str,
        at: str,
        as_of: str,
    ) -> None:
        self.source = source
        self.target = target
        self.dataset = dataset
        self.partner_id = partner_id
        self.cited = cited
        self.at = at
        self.as_of = as_of


def bundled_file(name: str) -> str:
    """The path of a bundled dataset (inside the wheel, or the repo's data/)."""
    from ..data.load import bundled_path

    return os.path.join(os.path.dirname(bundled_path()), BUNDLED[name][0])


def _data_flag() -> str:
    from ..cli.spec import flag

    return flag("data")


def path_of(value: str) -> str:
    """The file a --data value names when it names one: a bundled dataset's file for
    `bundled[:NAME]`, standard input's for `-`, else the value itself (UsageError for an
    unknown bundled name, or for `-` where the system has no /dev/stdin)."""
    if value == STDIN:
        try:
            os.fstat(0)
        except OSError:
            raise UsageError(
                f"'{STDIN}' stands for standard input, which is closed: give the data through "
                "a pipe or a redirect (< FILE), or the data file's path."
            ) from None
        if not os.path.exists(STDIN_FILE):
            raise UsageError(
                f"'{STDIN}' stands for standard input, which this system cannot name as a "
                "file: give the data file's path."
            )
        return STDIN_FILE
    name = _bundled(value, "")
    return value if name is None else bundled_file(name)


def _bundled(value: str, origin: str | None = None) -> str | None:
    """The bundled dataset a --data value names, or None when it names a path; UsageError
    for an unknown name, said as coming from `origin` (default --data; "" for none)."""
    if value == BUNDLED_PREFIX:
        return DEFAULT_BUNDLED
    head, colon, name = value.partition(":")
    if head != BUNDLED_PREFIX or not colon:
        return None
    if name not in BUNDLED:
        origin = _data_flag() if origin is None else origin
        raise UsageError(
            f"{origin} '{value}': no bundled dataset of that name.".lstrip(),
            [f"{BUNDLED_PREFIX}:{n}: {what}" for n, (_, what) in BUNDLED.items()],
            label="Bundled datasets",
        )
    return name


def _not_a_file(path: str) -> str:
    """What a name in a data folder is, when it is no regular file (nor a link to one):
    a folder, a device, a named pipe, a socket, or a link to one of those or to nothing."""
    from ..filenames import file_kind

    link = "a link to " if os.path.islink(path) else ""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a link that leads nowhere" if link else "not readable"
    what = file_kind(path, mode)
    return link + what if what != "not a file" else what


def _folder_files(folder: str) -> list[str]:
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise DatasetError(folder, [Problem("", exc.strerror or str(exc))]) from None
    found, skipped = [], []
    for n in names:
        # `.JSON` too (a Windows or camera-style name); hidden files left, as a shell's * does
        if not n.casefold().endswith(".json") or n.startswith("."):
            continue
        path = os.path.join(folder, n)
        if os.path.isfile(path):
            found.append(path)
        else:
            skipped.append(f"{n} ({_not_a_file(path)})")
    if skipped:
        from ..streams import note

        note(f"Skipped in {folder}: {'; '.join(skipped)}.")
    if not found:
        raise DatasetError(
            folder,
            [Problem("", "holds no .json data file")],
            "Give a folder of data files, or the data files themselves.",
        )
    return found


def single_file(values: tuple[str, ...]) -> str | None:
    """The one plain file the --data values name ("" for none given and no
    PARTYINTL_DATA that names several), loaded as partyintl always has; None when they
    name a collection: several files, a folder or a bundled dataset."""
    from ..data.load import ENV_VAR

    if not values:
        env = os.environ.get(ENV_VAR) or ""
        return "" if os.pathsep not in env and not os.path.isdir(env) and not _named(env) else None
    _refuse_empty(values)
    if len(values) == 1 and not os.path.isdir(values[0]) and not _named(values[0]):
        return values[0]
    return None


def _refuse_empty(values: tuple[str, ...]) -> None:
    """A usage error for `--data ""`, which names no file (not the bundled one)."""
    if any(not value.strip() for value in values):  # "" or blanks: no file's name
        raise UsageError(
            f"{_data_flag()} was given an empty value: give a data file, a folder of them, "
            f"or {BUNDLED_PREFIX}[:NAME]."
        )


def _named(value: str) -> bool:
    return value == BUNDLED_PREFIX or value.startswith(BUNDLED_PREFIX + ":")


def env_values(env: str, keep_empty: bool = False) -> tuple[str, ...]:
    """PARTYINTL_DATA's values, split at os.pathsep (`:` on POSIX, `;` on Windows), where
    a bundled dataset's `bundled:NAME` stays one value though its colon is the separator:
    `mine.json:bundled:si-membership` is mine.json and bundled:si-membership (a file
    named like a bundled dataset, given right after `bundled`, is written `./NAME`). After
    `bundled`, a word that is no file and looks like no file name (no dot, no slash, or
    nothing) is taken as a bundled dataset's name, as --data takes it: `bundled:nope` is
    an unknown bundled dataset, not `bundled` and a missing file `nope`. An empty entry
    (`a.json::b.json`) is left out, or kept as "" with `keep_empty`."""
    pieces = env.split(os.pathsep)
    values: list[str] = []
    at = 0
    while at < len(pieces):
        value = pieces[at]
        if value == BUNDLED_PREFIX and at + 1 < len(pieces) and _a_name(pieces[at + 1]):
            at += 1
            value = f"{value}:{pieces[at]}"
        if value.strip() or keep_empty:
            values.append(value)
        at += 1
    return tuple(values)


def _a_name(word: str) -> bool:
    """Whether a word after `bundled` in PARTYINTL_DATA is a bundled dataset's name."""
    if word in BUNDLED:
        return True
    if word == BUNDLED_PREFIX or "." in word or os.sep in word:
        return False  # `bundled` again, or a word written as a file name
    return not os.path.exists(word)


def refuse_output_in_folder(output: str | None, values: tuple[str, ...]) -> None:
    """A usage error (nothing written) when `-o` would put a `.json` file straight into a
    folder the data is read from (--data or PARTYINTL_DATA): the next question on that
    folder would read the answer as one of its data files, and fail on it."""
    if output is None or output == "-" or not output.lower().endswith(".json"):
        return
    if os.path.basename(output).startswith("."):  # hidden: a folder's files leave it out
        return
    from ..cli.spec import flag
    from ..data.load import ENV_VAR

    env = os.environ.get(ENV_VAR)
    folders = [v for v in values or (env_values(env) if env else ()) if os.path.isdir(v)]
    where = os.path.realpath(os.path.dirname(os.path.abspath(output)))
    for folder in folders:
        if os.path.realpath(folder) == where:
            raise UsageError(
                f"{flag('output', 'partners', short=True)} {output} would be a data file of "
                f"the folder {folder} that the data is read from: the next question about "
                "it would read this answer too. Nothing was written; write it elsewhere."
            )


def resolve(values: tuple[str, ...]) -> list[Entry]:
    """The files a list of --data values names, in order, each once (by its real path),
    with unique labels: a bundled dataset's name, else the file's name without .json.
    UsageError (exit 2) for an unknown bundled name; DatasetError (exit 1) for a folder
    without data files."""
    from ..data.load import ENV_VAR

    flag = _data_flag()
    _refuse_empty(values)
    if not values:
        env = os.environ.get(ENV_VAR)
        values = env_values(env) if env else ()
        if env and not values:
            raise UsageError(
                f"{ENV_VAR} is {env!r}, which names no file: give a data file, a folder or "
                f"{BUNDLED_PREFIX}[:NAME], or unset it for the bundled dataset."
            )
        every = env_values(env, keep_empty=True) if env else ()
        if len(values) != len(every):
            from ..words import ordinal

            nth = next(n for n, value in enumerate(every, 1) if not value.strip())
            raise UsageError(
                f"{ENV_VAR} is {env!r}: its {ordinal(nth)} entry is empty (two "
                f"'{os.pathsep}' together, or one at an end), as `{flag} \"\"` would be: "
                "remove it."
            )
        origin = ENV_VAR
    else:
        origin = flag
    if not values:
        return [Entry(bundled_file(DEFAULT_BUNDLED), DEFAULT_BUNDLED, "")]
    entries: list[Entry] = []
    seen: dict[object, str] = {}  # each file: the value that first named it
    again: dict[str, list[str]] = {}  # that value: the values that named it again
    used: set[str] = set()
    for value in values:
        name = _bundled(value, origin)
        if name is not None:
            paths = [(bundled_file(name), name, value)]
        elif value == STDIN:
            paths = [(path_of(value), "stdin", value)]
        elif os.path.isdir(value):  # each file by its path in the folder
            paths = [(p, _stem(p), p) for p in _folder_files(value)]
        else:
            paths = [(value, _stem(value), value)]
        for path, label, named in paths:
            same = _same_file(path)
            if same in seen:
                again.setdefault(seen[same], []).append(named)
                continue
            seen[same] = named
            unique, n = label, 2
            while unique in used:
                unique, n = f"{label}-{n}", n + 1
            used.add(unique)
            entries.append(Entry(path, unique, origin))
    if again:
        _said_once(again)
    return entries


def _said_once(again: dict[str, list[str]]) -> None:
    """A note for the files named more than once (the same path, a link to it, a folder
    holding it): each is read once, its records counted once."""
    from ..escaping import escape_control
    from ..filenames import shown_path
    from ..streams import note

    for first, others in again.items():
        shown = [escape_control(shown_path(p)) for p in (first, *others)]
        names = ", ".join(dict.fromkeys(shown))
        note(
            f"note: {shown[0]} was given {len(others) + 1} times ({names}): one file, read once."
            if len(set(shown)) > 1
            else f"note: {shown[0]} was given {len(others) + 1} times: read once."
        )


def _same_file(path: str) -> object:
    """What makes two paths one file: its device and inode (a hard link, a symlink and the
    path itself alike), else its real path (a file that is not there: the load says so)."""
    if path == STDIN:
        return path
    try:
        info = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def _stem(path: str) -> str:
    from ..filenames import as_text

    base = as_text(os.path.basename(path.rstrip(os.sep)) or path)
    return base[:-5] if base.casefold().endswith(".json") else base


class Collection:
    """Loaded data files, the organisations they share by id, their ties and memberships."""

    def __init__(self, datasets: list[Dataset], labels: list[str]) -> None:
        self.datasets = datasets
        self.labels = labels

    @property
    def main(self) -> Dataset:
        """The first file loaded: the party the one-party commands answer about."""
        return self.datasets[0]

    @cached_property
    def keys(self) -> dict[tuple[int, str], str]:
        """The organisation each record is, by (file index, record id): records of one
        organisation share a key (identity.py)."""
        from .identity import identify

        records = self._record_ids
        return dict(zip(((r.dataset, r.record) for r in records), identify(records), strict=True))

    @cached_property
    def _record_ids(self) -> list[Any]:
        """Every organisation record's ids (identity.RecordIds), file by file."""
        from .identity import RecordIds, ids_of

        return [
            RecordIds(index, ident, *ids_of(raw))
            for index, ds in enumerate(self.datasets)
            for ident, raw in ds.raw_orgs.items()
        ]

    @cached_property
    def _key_set(self) -> frozenset[str]:
        """Every organisation key, as answers and exports print them."""
        return frozenset(self.keys.values())

    @cached_property
    def disagreements(self) -> list[str]:
        """Where the loaded records disagree, in words: their ids (identity.disagreements),
        and the countries of records of one organisation (answers take the first file's)."""
        from .identity import disagreements

        said = disagreements(self._record_ids, self.labels)
        for key, records in self.records.items():
            codes = {r.get("country_code") for _, r in records} - {None}
            if len(codes) > 1:
                places = "; ".join(
                    f"{self.labels[i]}: {r['id']} ({r.get('country_code') or 'no country'})"
                    for i, r in records
                )
                said.append(
                    f"{key} has records in {len(codes)} countries ({places}): one of them may "
                    f"be wrong; answers give the first file's."
                )
        return said

    @cached_property
    def records(self) -> dict[str, list[tuple[int, dict[str, Any]]]]:
        """Every record of each organisation, by its key, in file order."""
        out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for (index, ident), key in self.keys.items():
            out.setdefault(key, []).append((index, self.datasets[index].raw_orgs[ident]))
        return out

    def key(self, index: int, record_id: str) -> str:
        """The organisation a record of a file is."""
        return self.keys[(index, record_id)]

    def name(self, key: str) -> str:
        """An organisation's name: as its first record gives it."""
        return str(self.records[key][0][1]["name"])

    def record(self, key: str) -> dict[str, Any]:
        """An organisation's first record."""
        return self.records[key][0][1]

    @cached_property
    def ties(self) -> list[Tie]:
        """Every file's party listing each of its partners, in file and list order."""
        out: list[Tie] = []
        for index, ds in enumerate(self.datasets):
            party = ds.raw["party"]["id"]
            sources = ds.list_sources
            for partner in ds.raw_partners:
                listing = partner.get("listing")
                if listing is not None:
                    cited = sources.get(listing["list"], "")
                    at = f"list {listing['list']}, item {listing['position']}"
                else:
                    first = (partner.get("sources") or [{}])[0]
                    cited, at = first.get("source", ""), first.get("at", "")
                source = ds.sources.get(cited, {})
                out.append(
                    Tie(
                        self.key(index, party),
                        self.key(index, partner["id"]),
                        index,
                        partner["id"],
                        cited,
                        at,
                        str(source.get("as_of") or ds.as_of),
                    )
                )
        return out

    @cached_property
    def pairs(self) -> set[tuple[str, str]]:
        """(lister, listed) of every tie, for reciprocity."""
        return {(t.source, t.target) for t in self.ties}

    def find(self, query: str, what: str = "organisation") -> str:
        """The organisation a name, id or other name finds in any loaded file (a name finds
        records, never makes two one; a part of a name counts only when no file has the
        name whole). UsageError when it finds none, or records of several organisations."""
        from .. import query as q
        from ..data.suggest import close_matches

        label, colon, rest = query.partition(":")
        index, at = None, -1
        while index is None and (at := query.find(":", at + 1)) != -1:  # `we:ird.json:ID`
            if query[at + 1 :].strip() and (named := self.file_index(query[:at])) is not None:
                index, label, rest = named, query[:at], query[at + 1 :]
        if index is not None:  # `si-membership:socialist-...`, `parties/spd.json:spd`
            label = self.labels[index]
            try:
                _, raw = q.find_record(self.datasets[index], rest.strip(), (q.ORGANISATION,))
            except UsageError as exc:
                if isinstance(exc, NamesACountry) or "matches" not in exc.message:
                    raise
                raise UsageError(
                    f"No {what} of {label} matches '{rest.strip()}' (in {query}).",
                    exc.suggestions,
                    label=exc.label,
                ) from None
            return self.key(index, raw["id"])
        if query in self._key_set:  # a key as answers print it: `file1:pes`, `partyfacts:383`
            return query
        found = self._found(query)
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise UsageError(
                f"'{query}' finds records of {len(found)} organisations (records are one "
                "organisation only when they share a Party Facts id, or lacking one a "
                "Wikidata id); name one by its file and id (FILE:ID, as listed), its Party "
                "Facts or Wikidata id (partyfacts:N, Q-number), or more precisely.",
                [
                    f"{label}: {ident} ({name})"
                    for got in found.values()
                    for label, ident, name in got
                ],
                label="Candidates",
            )
        close = close_matches(  # of the kind asked for: never a party for an international
            query, self.organisation_names("international" if what == "international" else None)
        )
        from ..query.names import unknown_file

        unknown = unknown_file(label, self.labels) if colon and rest.strip() else ""
        raise UsageError(f"No {what} matches '{query}' in the loaded data files{unknown}.", close)

    def file_index(self, name: str) -> int | None:
        """Which loaded file `name` names: its label (`spd`), its file name (`spd.json`)
        or its path as given (`parties/spd.json`), in any case where only one file is
        named so (query.names.file_label); None for none."""
        from ..query.names import file_label

        label = file_label(name, self.labels, self.file_labels)
        return self.labels.index(label) if label is not None else None

    @cached_property
    def file_labels(self) -> dict[str, str]:
        """The label of each loaded file by its other names: its file name and its path as
        given, where no other file has that name and it is no other file's label."""
        from ..filenames import as_text

        named: dict[str, set[str]] = {}
        for label, ds in zip(self.labels, self.datasets, strict=True):
            if ds.path is not None:
                for name in (ds.path, os.path.basename(ds.path)):
                    for form in {name, as_text(name)}:
                        named.setdefault(form, set()).add(label)
        return {
            name: next(iter(labels))
            for name, labels in named.items()
            if len(labels) == 1 and name not in self.labels
        }

    def organisation_names(self, of_type: str | None = None) -> list[str]:
        """Every spelling of an organisation in any loaded file that `find` takes: ids,
        names and other names (record_names), file by file; with `of_type`, of the
        organisations of that type only (the internationals --member-of suggests)."""
        from .. import query as q

        if of_type is None:
            return [n for ds in self.datasets for n in q.record_names(ds, (q.ORGANISATION,))]
        return [
            name
            for ds in self.datasets
            for raw in ds.raw_orgs.values()
            if raw.get("type") == of_type
            for name in (raw["id"], *q.spellings(q.ORGANISATION, raw))
        ]

    def _found(self, query: str) -> dict[str, list[tuple[str, str, str]]]:
        """The organisations (by key) whose records the query finds, with (file label,
        id, name) of each record: by id or whole name in any file first; by a part of a name only
        when no file has it whole. UsageError when it finds several records in one file."""
        from .. import query as q

        country: list[tuple[str, NamesACountry]] = []
        for parts in (False, True):
            found: dict[str, list[tuple[str, str, str]]] = {}
            for index, ds in enumerate(self.datasets):
                try:
                    _, raw = q.find_record(ds, query, (q.ORGANISATION,), parts=parts)
                except NamesACountry as exc:
                    country.append((self.labels[index], exc))
                    continue
                except UsageError as exc:
                    if "matches" in exc.message and "records" in exc.message:
                        raise UsageError(
                            f"'{query}' matches several records in {self.labels[index]}; be "
                            "more precise.",
                            exc.suggestions,
                            label="Candidates",
                        ) from None
                    continue
                key = self.key(index, raw["id"])
                found.setdefault(key, []).append((self.labels[index], raw["id"], raw["name"]))
            if found:
                return found
        if country:  # a country's name, in every file that has records with it in theirs
            raise NamesACountry(
                country[0][1].message,
                [f"{label}: {name}" for label, exc in country for name in exc.suggestions],
                label=country[0][1].label,
            )
        return {}

    def find_all(self, query: str) -> dict[str, list[str]]:
        """Every organisation a name finds in each file it finds one in (for --member-of:
        an international without ids is found in each file by the name given), by key,
        with 'label: id' of each record found. A reference to one file's record
        (`si-membership:socialist-international`) or a key as answers print it
        (`file2:socialist-international`, `partyfacts:1234`) finds that organisation, with
        each of its records. UsageError when no file knows it."""
        try:
            found = self._found(query)
        except UsageError as exc:  # several records in one file: the internationals among them
            if exc.label != "Candidates" or isinstance(exc, NamesACountry):
                raise
            kept = [s for s in exc.suggestions if self._is_group(s.split(" ")[0])]
            if len(kept) == 1:
                return self.find_all(kept[0].split(" ")[0])
            raise UsageError(exc.message, kept or exc.suggestions, label=exc.label) from None
        if not found:
            key = self.find(query, "international")  # raises with suggestions
            return {key: [f"{self.labels[i]}: {raw['id']}" for i, raw in self.records[key]]}
        groups = {k: got for k, got in found.items() if any(self._is_group(i) for _, i, _ in got)}
        if not groups and all(self._is_party(i) for got in found.values() for _, i, _ in got):
            names = "; ".join(dict.fromkeys(name for got in found.values() for *_, name in got))
            raise UsageError(
                f"'{query}' is {names}, a party, which is no international: no loaded file "
                "has members of it. Give an international (its name, id or Party Facts id)."
            )
        asked = groups or found  # a body of another type may have members in a file not loaded
        return {key: [f"{label}: {ident}" for label, ident, _ in got] for key, got in asked.items()}

    def _is_party(self, ident: str) -> bool:
        """Whether a record id is a party in every loaded file that has it."""
        return all(
            ds.raw_orgs[ident].get("type") == "party"
            for ds in self.datasets
            if ident in ds.raw_orgs
        )

    def _is_group(self, ident: str) -> bool:
        """Whether a record id, in any loaded file, is an international or has members."""
        return any(
            (raw := ds.raw_orgs.get(ident)) is not None
            and raw.get("type") == "international"
            or any(m.get("organization_id") == ident for m in ds.raw.get("memberships", ()))
            for ds in self.datasets
        )


def load_collection(values: PathValue | Iterable[PathValue] | None) -> Collection:
    """The collection the --data values name (PARTYINTL_DATA, split at os.pathsep, or the
    bundled dataset when none), each file loaded and validated as one alone is: one path
    or several (str, bytes or os.PathLike, as load_dataset takes them). TypeError for a
    value that is none of these; DatasetError and UsageError as load_dataset says."""
    from ..data.load import load_dataset

    given = [values] if isinstance(values, (str, bytes, os.PathLike)) else values or ()
    try:
        each = iter(given)
    except TypeError:
        raise TypeError(
            f"load_collection: give a data file's path or a list of them, not {values!r}"
        ) from None
    paths = []
    for value in each:
        if not isinstance(value, (str, bytes, os.PathLike)):
            raise TypeError(
                "load_collection: give each data file's path as a str or os.PathLike, "
                f"not {value!r}"
            )
        paths.append(os.fsdecode(value))
    entries = resolve(tuple(paths))
    datasets = [load_dataset(e.path, origin=e.origin) for e in entries]
    return Collection(datasets, [e.label for e in entries])
