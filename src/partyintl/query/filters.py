"""Which partners and timeline entries a question keeps, and in what order."""

from __future__ import annotations

from enum import Enum

from ..data import countries
from ..data.countries import fold
from ..data.enums import PARTNER_TYPE_VALUES
from ..data.suggest import close_matches
from ..errors import UsageError
from ..structs import Struct
from .places import resolve_countries
from .search import MAX_SEARCH, search_key, searchable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset

    Record = dict[str, Any]
    Raw = dict[str, Any]


class SortKey(str, Enum):
    """Orders for the partner list."""

    SOURCE = "source"
    NAME = "name"
    COUNTRY = "country"
    TYPE = "type"
    LEFT_RIGHT = "left_right"


def _values(field: str, value: Any) -> tuple[str, ...]:
    """A filter's values as a tuple of texts: one text stands for itself (not its letters);
    TypeError for anything but texts."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (tuple, list, set, frozenset)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"PartnerFilter {field}: give a text or a tuple of texts, not {value!r}")


def _score_range(value: Any) -> bool:
    """Whether a value is a range of left-right scores: (low, high), finite numbers or
    None, low <= high."""
    import math

    if not isinstance(value, tuple) or len(value) != 2:
        return False
    numbers = [v for v in value if v is not None]
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        for v in numbers
    ):
        return False
    return len(numbers) < 2 or numbers[0] <= numbers[1]


class PartnerFilter(Struct):
    """What to keep of the partner list: kinds combine with AND, values of a kind with OR.

    `countries`, `types` and `ideology` take a text or a tuple of texts (a text is one
    value: `countries="Germany"`); `sort` a SortKey or its value (`"name"`); `limit` None
    or a whole number >= 0; `left_right` None or (low, high), scores with low <= high
    (-2.5 far left to 2.5 far right), either None for no bound. TypeError or ValueError,
    naming the field, for anything else (the command line checks its options before it
    builds one)."""

    __slots__ = (
        "countries",
        "types",
        "region",
        "search",
        "sort",
        "limit",
        "ideology",
        "left_right",
    )

    def __init__(
        self,
        countries: tuple[str, ...] | str = (),
        types: tuple[str, ...] | str = (),
        region: str | None = None,
        search: str | None = None,
        sort: SortKey | str = SortKey.SOURCE,
        limit: int | None = None,
        ideology: tuple[str, ...] | str = (),
        left_right: tuple[float | None, float | None] | None = None,
    ) -> None:
        if sort not in _SORT_VALUES:
            raise ValueError(f"PartnerFilter sort: {sort!r} is none of {', '.join(_SORT_VALUES)}")
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        ):
            raise ValueError(
                f"PartnerFilter limit: give None or a whole number >= 0, not {limit!r}"
            )
        for field, text in (("region", region), ("search", search)):
            if text is not None and not isinstance(text, str):
                raise TypeError(f"PartnerFilter {field}: give a text or None, not {text!r}")
        if left_right is not None and not _score_range(left_right):
            raise ValueError(
                "PartnerFilter left_right: give None or (low, high), numbers (either None "
                f"for no bound) with low <= high, not {left_right!r}"
            )
        self.countries = _values("countries", countries)
        self.types = _values("types", types)
        self.region = region
        self.search = search
        self.sort = SortKey(sort)
        self.limit = limit
        self.ideology = _values("ideology", ideology)
        self.left_right = left_right


#: The values `sort` may take (SortKey's members are texts too).
_SORT_VALUES = tuple(key.value for key in SortKey)


class TimelineFilter(Struct):
    """Which timeline entries to keep: those of one organisation (`org`, its id; None for
    all) dated in the years `since` to `until` (whole numbers, either None for no bound,
    since <= until). TypeError or ValueError, naming the field, for anything else (the
    command line checks its options before it builds one)."""

    __slots__ = ("org", "since", "until")

    def __init__(
        self, org: str | None = None, since: int | None = None, until: int | None = None
    ) -> None:
        if org is not None and not isinstance(org, str):
            raise TypeError(f"TimelineFilter org: give an organisation's id or None, not {org!r}")
        for field, year in (("since", since), ("until", until)):
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                raise TypeError(
                    f"TimelineFilter {field}: give a year (a whole number) or None, not {year!r}"
                )
        if since is not None and until is not None and since > until:
            raise ValueError(
                f"TimelineFilter: since {since} is after until {until}: give the earlier year first"
            )
        self.org = org
        self.since = since
        self.until = until


def filter_partners(ds: Dataset, flt: PartnerFilter) -> list[Raw]:
    """The partners (as validated JSON) that pass a filter, sorted and limited."""
    check_types(flt.types)
    wanted = resolve_countries(flt.countries, ds)
    codes = {c.code for c in wanted if c.code}
    uncoded = {countries.place_key(c.name) for c in wanted if not c.code}
    region = None
    region_codes: frozenset[str] = frozenset()
    region_bodies: frozenset[str] = frozenset()
    if flt.region:
        from ..data import regions  # only questions about regions load them

        region = regions.resolve(flt.region)
        region_codes = regions.countries_of(region, ds.as_of)
        region_bodies = regions.inside(region)
    if flt.search and len(flt.search) > MAX_SEARCH:
        from ..cli.spec import flag

        raise UsageError(
            f"{flag('search', 'partners')} is {len(flt.search):,} characters long; at most "
            f"{MAX_SEARCH:,} are "
            "compared. Search for a word or a part of a name."
        )
    needle = search_key(flt.search) if flt.search else ""
    folded_needle = fold(flt.search) if flt.search else ""
    if flt.search and not any(char.isalnum() for char in flt.search):
        from ..cli.spec import flag
        from ..escaping import escape_control

        raise UsageError(
            f"{flag('search', 'partners')} '{escape_control(flt.search)}' holds no letter or "
            "digit to search for: search for a word or a part of a name."
        )
    types = set(flt.types)
    tags = {fold(t) for t in flt.ideology}
    out = []
    for org in ds.partners_where(codes if wanted and not uncoded else None, types or None):
        if wanted:
            code = org.get("country_code")
            if not (
                code in codes
                or (
                    code is None
                    and org.get("country") is not None
                    and countries.place_key(org["country"]) in uncoded
                )
            ):
                continue
        if types and org["type"] not in types:
            continue
        if (
            region
            and org.get("region") not in region_bodies
            and org.get("country_code") not in region_codes
        ):
            continue
        if tags and not tags & {fold(t) for t in org.get("ideology", ())}:
            continue
        if flt.left_right is not None and not _in_range(org.get("left_right"), flt.left_right):
            continue
        if flt.search:
            hay = searchable(org)
            if needle not in hay and folded_needle not in hay:
                continue
        out.append(org)
    out = _sorted(out, flt.sort)
    return out[: flt.limit] if flt.limit is not None else out


def check_types(types: tuple[str, ...]) -> None:
    """A UsageError (with the closest type) for a value of --type that is no partner type."""
    for t in types:
        if t not in PARTNER_TYPE_VALUES:
            raise UsageError(f"'{t}' is not a partner type.", close_matches(t, PARTNER_TYPE_VALUES))


def only_place_and_type(flt: PartnerFilter) -> bool:
    """Whether a filter keeps partners by country and type alone, in the source's order
    (a limit aside): what the groups of a big file's index answer whole."""
    return (
        flt.region is None
        and not flt.search
        and not flt.ideology
        and flt.left_right is None
        and flt.sort is SortKey.SOURCE
    )


def score_bounds(text: str) -> tuple[float | None, float | None]:
    """MIN..MAX (as cli/values.py checked it) as two bounds; an open end is None."""
    low, _, high = text.partition("..")
    return (float(low) if low else None, float(high) if high else None)


def off_the_scale(bounds: tuple[float | None, float | None]) -> str:
    """What to say of a range of scores that lies wholly outside the left-right scale
    (numbers.LEFT_RIGHT_SCALE), which no score can be in; "" for one that meets it."""
    from ..data.numbers import LEFT_RIGHT_SCALE

    low, high = bounds
    bottom, top = LEFT_RIGHT_SCALE
    if (low is not None and low > top) or (high is not None and high < bottom):
        return (
            f"the left-right scale runs from {bottom:g} to {top:g}, so no score lies in this range."
        )
    return ""


def _in_range(score: float | None, bounds: tuple[float | None, float | None]) -> bool:
    """Whether a left-right score lies in MIN..MAX; a partner with no score never does."""
    low, high = bounds
    return score is not None and (low is None or score >= low) and (high is None or score <= high)


def _sorted(orgs: list[Raw], key: SortKey) -> list[Raw]:
    """Orgs in the order asked; those without the value sorted on come last, in the
    source's order (the sort is stable)."""
    if key is SortKey.LEFT_RIGHT:
        return sorted(orgs, key=lambda o: (o.get("left_right") is None, o.get("left_right") or 0))
    if key is SortKey.NAME:
        return sorted(orgs, key=lambda o: fold(o["name"]))
    if key is SortKey.COUNTRY:
        return sorted(
            orgs, key=lambda o: (fold(o.get("country") or o.get("region") or "~"), fold(o["name"]))
        )
    if key is SortKey.TYPE:
        order = {t: i for i, t in enumerate(PARTNER_TYPE_VALUES)}
        return sorted(orgs, key=lambda o: (order.get(o["type"], 9), fold(o["name"])))
    return orgs
