"""Countries as users spell them: resolved, or a usage error that points at a region or
at what the dataset holds under that word."""

from __future__ import annotations

from ..data import countries
from ..data.countries import fold
from ..errors import UsageError
from .names import ORGANISATION, folded_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


def resolve_countries(
    values: tuple[str, ...], ds: Dataset | None = None
) -> list[countries.Country]:
    """Turn user spellings into countries, explaining a region given as a country.

    A value may list several countries separated by commas (`Armenia,Belarus`); a value
    that is itself a name with a comma (`Korea, Republic of`) counts as one.
    """
    found = []
    for value in values:
        if "," in value:
            _no_empty_part(value)  # "Germany,": a typo, even where "Germany" is one place
        if "," in value and countries.lookup(value) is None:
            try:
                found += [_resolve_country(part, ds) for part in listed(value)]
            except UsageError:
                whole = countries.lookup_translated(value)  # "Хонконг, САР на Китай"
                if whole is None:
                    raise
                found.append(whole)
        else:
            found.append(_resolve_country(value, ds))
    return found


def _no_empty_part(value: str) -> None:
    """A usage error for a list with an empty part (`Germany,,Cuba`: the 2nd), which a
    typo usually is, as --fields says of its list."""
    parts = [part.strip() for part in value.split(",")]
    if "" not in parts:
        return
    from ..cli.spec import flag
    from ..escaping import escape_control
    from ..words import ordinal

    nth = ordinal(parts.index("") + 1)
    raise UsageError(
        f"The {nth} country of {flag('country', 'partners')} {escape_control(value)!r} is "
        "empty: separate countries with single commas, e.g. Armenia,Belarus."
    )


def listed(value: str) -> list[str]:
    """The countries a value lists, split at its commas, a part joined to the one before
    it when together they name a place and either alone names none, or that place
    ("Korea, Rep.,Japan" is Korea, Rep. and Japan; "Hong Kong SAR, China,Japan" Hong Kong
    and Japan; "Japan,Virgin Islands, U.S." Japan and the US Virgin Islands;
    "Armenia,Belarus" two)."""
    parts = [part.strip() for part in value.split(",")]
    names: list[str] = []
    for part in parts:
        if not part:
            continue
        joined = f"{names[-1]}, {part}" if names else ""
        whole = countries.lookup(joined) if joined else None
        # Joined when the part alone is no country ("Korea, Rep."), when the place
        # before it alone is none ("Virgin Islands, U.S.", though U.S. is a country), or
        # when the part only qualifies the place before it ("Taiwan, China" is Taiwan, as
        # the World Bank writes it); never when both name countries of their own.
        alone = countries.lookup(names[-1]) if names else None
        if whole is not None and (
            countries.lookup(part) is None or alone is None or whole == alone
        ):
            names[-1] = joined
        else:
            names.append(part)
    return names


def country_notes(values: tuple[str, ...]) -> list[str]:
    """What an answer about these countries should add when it is empty: for a divided
    former country (`USSR`), the countries that followed it; for a name read as one place
    though both sides of its comma name countries ("Taiwan, China", as the World Bank
    names Taiwan), how to ask for both."""
    notes = [countries.successors_note(c) for c in resolve_countries(values) if c.successors]
    for value in values:
        whole = "," not in value or countries.lookup(value) is not None  # as resolved
        for part in [value] if whole else listed(value):
            notes += _one_place_note(part)
    return list(dict.fromkeys(notes))


def _one_place_note(name: str) -> list[str]:
    """For a name with a comma whose two sides are countries of their own, read as one."""
    head, comma, tail = name.partition(",")
    whole = countries.lookup(name)
    first, second = countries.lookup(head), countries.lookup(tail)
    if not (comma and whole and first and second) or first == second:
        return []
    from ..cli.spec import flag

    option = flag("country", "partners", short=True)
    return [
        f"'{name}' is read as one place, {whole.name}; for both, give "
        f"{option} '{head.strip()}' {option} '{tail.strip()}'."
    ]


def _resolve_country(value: str, ds: Dataset | None = None) -> countries.Country:
    try:
        return countries.resolve(value)
    except countries.SharedName:
        raise
    except UsageError:
        from ..data import regions

        region = regions.lookup(value)
        if region is None:
            # A country's name in another language (Германия, Allemagne): read only when
            # no English name, code or region matched, as the first costs about a second.
            translated = countries.lookup_translated(value)
            if translated is not None:
                return translated
            if ds is not None:
                place = _place_in_dataset(ds, value)
                if place is not None:
                    return place
                _hint_from_dataset(ds, value)
            raise
        from ..cli.spec import flag

        raise UsageError(
            f"'{value}' is a region, not a country: use {flag('region')} '{region}'."
        ) from None


def _place_in_dataset(ds: Dataset, value: str) -> countries.Country | None:
    """The place of that name where the dataset's partners are without an ISO code (a
    disputed or unrecognised country such as Tibet or Somaliland), as a country without
    a code; None when no partner names it so."""
    key = countries.place_key(value)
    for org in ds.raw_partners:
        place = org.get("country")
        if place and org.get("country_code") is None and countries.place_key(place) == key:
            return countries.Country(place, None)
    return None


def _hint_from_dataset(ds: Dataset, value: str) -> None:
    """A usage error pointing at what the dataset holds under that word, if anything.

    The dataset's own country names and partner names come before spelling distance:
    `Korea` means North Korea here, `Kurdistan` a party of Iraq.
    """
    key = fold(value)
    if len(key) < 3:
        return
    names = sorted({o["country"] for o in ds.raw_partners if o.get("country")})
    in_countries = [n for n in names if key in fold(n)]
    in_partners = [
        o for o in ds.raw_partners if any(key in n for n in folded_names(ORGANISATION, o))
    ]
    if in_countries:
        raise UsageError(f"'{value}' is not a country I know.", in_countries)
    if in_partners:
        from ..cli.spec import flag

        listed = [
            f"{o['name']} ({o.get('country') or o.get('region') or 'no country'})"
            for o in in_partners
        ]
        raise UsageError(
            f"'{value}' is not a country I know, but partners have it in their names; "
            f"try {flag('search', 'partners')} '{value}'.",
            listed,
            label="Partners",
        )
