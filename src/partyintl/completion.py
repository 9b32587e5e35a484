"""Dynamic shell completion: countries, partner ids and names, field names; fast and quiet."""

from __future__ import annotations

from .countries import fold

TYPE_CHECKING = False  # typing itself costs a tab press several milliseconds
if TYPE_CHECKING:
    from .dataset import Dataset

COMMAND_FIELDS = {
    "partners": [
        "id",
        "name",
        "type",
        "kind",
        "country",
        "country_code",
        "region",
        "list",
        "position",
        "printed",
        "part_of",
        "other_names",
        "description",
        "notes",
        "inferred",
        "paragraphs",
    ],
    "countries": ["country", "country_code", "region", "partners", "party", "international", "npo"],
    "timeline": [
        "date",
        "end_date",
        "kind",
        "title",
        "organization_id",
        "status",
        "place",
        "people",
        "event_id",
        "description",
        "paragraph",
        "inferred",
    ],
    "people": ["id", "name", "family_name", "other_names", "posts", "delegations_led", "events"],
    "contacts": [
        "id",
        "type",
        "value",
        "printed",
        "label",
        "office",
        "restriction",
        "label_ru",
        "label_en",
        "office_ru",
        "office_en",
        "restriction_ru",
        "restriction_en",
    ],
}


def _dataset_or_none() -> Dataset | None:
    from .dataset import load_dataset
    from .errors import PartyintlError

    try:
        return load_dataset()
    except PartyintlError:
        return None


def countries(incomplete: str) -> list[str]:
    """Country names and codes present in the dataset that start with what was typed."""
    ds = _dataset_or_none()
    if ds is None:
        return []
    names = {o["country"] for o in ds.raw_partners if o.get("country")}
    names |= {o["country_code"] for o in ds.raw_partners if o.get("country_code")}
    return sorted(n for n in names if fold(n).startswith(fold(incomplete)))


def partners(incomplete: str) -> list[str]:
    """Partner ids and names that start with what was typed."""
    ds = _dataset_or_none()
    if ds is None:
        return []
    key = fold(incomplete)
    out = [i for i in ds.raw_orgs if i.startswith(incomplete)]
    out += [o["name"] for o in ds.raw_orgs.values() if fold(o["name"]).startswith(key)]
    return out


def fields(command: str, incomplete: str) -> list[str]:
    """Field names of a command, completing the last item of a comma-separated list."""
    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    names = COMMAND_FIELDS.get(command, [])
    return [prefix + n for n in names if n.startswith(last)]


def _words(shell: str) -> tuple[list[str], str] | None:
    """The words before the cursor and the one being typed, as each shell hands them over."""
    import os
    import shlex

    try:
        if shell == "bash":
            words = shlex.split(os.environ.get("COMP_WORDS", ""))
            cword = int(os.environ.get("COMP_CWORD", ""))
            return words[1:cword], words[cword] if cword < len(words) else ""
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)[1:]
    except ValueError:  # an open quote: the Typer CLI knows how to cope
        return None
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _values(args: list[str], incomplete: str) -> list[str] | None:
    """Dynamic values for the word being typed, or None if it is not a value we complete."""
    if not args or args[0] not in COMMAND_FIELDS and args[0] != "show":
        return None
    command, previous = args[0], args[-1]
    if previous in ("--country", "-c") and command == "partners":
        return countries(incomplete)
    if previous == "--org" and command == "timeline":
        return partners(incomplete)
    if previous == "--fields":
        return fields(command, incomplete)
    if command == "show" and args == ["show"] and not incomplete.startswith("-"):
        return partners(incomplete)
    return None


def answer(mode: str) -> str | None:
    """What the shell should offer, in its format; None to leave it to the Typer CLI."""
    shell = mode.removeprefix("complete_")
    if shell not in ("bash", "zsh", "fish"):
        return None
    if shell == "fish":
        import os

        if os.environ.get("_TYPER_COMPLETE_FISH_ACTION") != "get-args":
            return None
    found = _words(shell)
    values = _values(*found) if found is not None else None
    if values is None:
        return None
    # The Typer CLI keeps only values that start with the word as typed; so do we.
    incomplete = found[1] if found is not None else ""
    values = [v for v in values if v.startswith(incomplete)]
    if shell == "zsh":
        if not values:
            return "_files"
        quoted = "\n".join(f'"{_zsh_escape(v)}"' for v in values)
        return f"_arguments '*: :(({quoted}))'"
    return "\n".join(values)


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )
