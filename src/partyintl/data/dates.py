"""Dates as sources give them: EDTF (ISO 8601-2) levels 0 and 1, checked and compared.

A date keeps the precision its source gives (`2008`, `2008-06`, `2008-06-30`) and its
uncertainty: a fact known only to fall within bounds is an interval (`2012/2017`), a date a
source gives with doubt is qualified (`2012?`, `2012~`), unknown digits are X (`201X`).
Interval ends may be open (`2012/..`) or unknown (`2012/`). The Library of Congress's
Extended Date/Time Format is the standard; the `edtf` package parses it.

Plain dates and intervals of plain dates (nearly every date of a data file) are read here
without the package, which costs half a second to import; everything else goes through it
on first use. Times of day are not dates of this kind and are refused.
"""

from __future__ import annotations

from functools import lru_cache


def _plain(text: str) -> tuple[str, str | None, str | None] | None:
    """The year, month and day of a plain date (YYYY, YYYY-MM or YYYY-MM-DD), the ones it
    does not give None; None for any other text. What the groups of a full match of
    `([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?` are, without the `re` module
    (tests/test_startup.py holds the two alike)."""
    size = len(text)
    if size not in (4, 7, 10) or not text.isascii() or not text[:4].isdigit():
        return None
    if size == 4:
        return text, None, None
    if text[4] != "-" or not text[5:7].isdigit():
        return None
    if size == 7:
        return text[:4], text[5:], None
    if text[7] != "-" or not text[8:].isdigit():
        return None
    return text[:4], text[5:7], text[8:]


#: What a plain date looks like (year, year-month or year-month-day).
PLAIN_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
#: The characters an EDTF date of level 0 or 1 can hold: digits, -, /, X, Y, E, S, the
#: qualifiers ? ~ %, and the open end ".."; the model's pattern allows no others.
EDTF_PATTERN = r"^[0-9XYES?~%./-]{1,40}$"
OPEN, UNKNOWN = "..", ""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def days_in_month(year: int, month: int) -> int:
    """How many days a month of the proleptic Gregorian calendar has (month 1-12), as
    calendar.monthrange counts them (which imports datetime, locale and re)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class DateProblem(ValueError):
    """Why a text is not a date partyintl accepts; the message is in the user's words."""


def _plain_bounds(text: str) -> tuple[str, str] | None:
    """The first and last day of a plain date, or None if it is not one; DateProblem if it
    has the form but names no real day."""
    parts = _plain(text)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if day is None and 21 <= int(month) <= 24:
        return None  # a season (21 spring ... 24 winter): EDTF level 1, read by the package
    if not 1 <= int(month) <= 12:
        raise DateProblem(f"month {month} does not exist")
    last = days_in_month(int(year), int(month))
    if day is None:
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    if not 1 <= int(day) <= last:
        raise DateProblem(f"{text} is not a real date")
    return text, text


@lru_cache(maxsize=4096)
def bounds(text: str) -> tuple[str | None, str | None]:
    """The earliest and latest day a date can mean, as YYYY-MM-DD; None for an open or
    unknown end of an interval. DateProblem when the text is no EDTF date of level 0 or 1.

    `2008` -> (2008-01-01, 2008-12-31); `2012/2017` -> (2012-01-01, 2017-12-31);
    `2012/..` -> (2012-01-01, None); `201X` -> (2010-01-01, 2019-12-31).
    """
    plain = _plain_bounds(text)
    if plain is not None:
        return plain
    if text.count("/") == 1:
        lower, upper = text.split("/")
        low = _end_bounds(lower)
        high = _end_bounds(upper)
        if low is not None and high is not None:
            if lower in (OPEN, UNKNOWN) and upper in (OPEN, UNKNOWN):
                raise DateProblem(f"'{text}' has neither a start nor an end")
            start, end = low[0], high[1]
            if start is not None and end is not None and start > end:
                raise DateProblem(f"'{text}' ends before it starts")
            return start, end
    return _edtf_bounds(text)


def _end_bounds(side: str) -> tuple[str | None, str | None] | None:
    if side in (OPEN, UNKNOWN):
        return None, None
    return _plain_bounds(side)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from edtf.parser.grammar import level0Expression, level1Expression

    return level0Expression ^ level1Expression


#: Dates of each form EDTF levels 0-1 take, for messages.
EDTF_EXAMPLES = "2008, 2008-06-30, 2012/2017, 2012?, 201X"
#: The forms a date asked about takes (--as-of): none uncertain or approximate.
ASKED_EXAMPLES = "2008, 2008-06-30, 2009/2011, 2009/.."


def _edtf_bounds(text: str) -> tuple[str | None, str | None]:
    """Bounds of a qualified, unspecified or otherwise extended date, by the edtf package."""
    if "T" in text or ":" in text:
        raise DateProblem(f"'{text}' holds a time of day; give the date only")
    from pyparsing import ParseBaseException

    try:
        parsed = _parser().parse_string(text, parse_all=True)[0]
    except ParseBaseException:
        raise DateProblem(
            f"'{text}' is not a date in EDTF levels 0-1 (e.g. {EDTF_EXAMPLES})"
        ) from None
    try:
        low, high = parsed.lower_strict(), parsed.upper_strict()
        start = f"{low.tm_year:04d}-{low.tm_mon:02d}-{low.tm_mday:02d}"
        end = f"{high.tm_year:04d}-{high.tm_mon:02d}-{high.tm_mday:02d}"
    except (TypeError, ValueError, OverflowError, AttributeError):
        raise DateProblem(f"'{text}' lies outside the years 0000-9999") from None
    if _plain(start) is None or _plain(end) is None:
        raise DateProblem(f"'{text}' lies outside the years 0000-9999")
    return start, end


#: EDTF's qualifiers: uncertain (`2016?`), approximate (`2016~`), both (`2016%`).
QUALIFIERS = "?~%"


def doubted(text: str | None) -> bool:
    """Whether a date says it is uncertain or approximate (an EDTF qualifier, anywhere in
    it: `2016?`, `2012/2016~`)."""
    return text is not None and any(mark in text for mark in QUALIFIERS)


def fuzzy_bounds(text: str) -> tuple[str | None, str | None]:
    """bounds(), widened for a date that is uncertain or approximate to the days the edtf
    package takes it may mean (its lower_fuzzy and upper_fuzzy: `2016?` is 2015-01-01 to
    2017-12-31, `2016%` 2014 to 2018), within the years 0000-9999; a date without a
    qualifier keeps its bounds. DateProblem as bounds()."""
    low, high = bounds(text)
    if not doubted(text):
        return low, high
    parsed = _parser().parse_string(text, parse_all=True)[0]

    def day(moment: Any, fallback: str | None) -> str | None:
        try:
            found = f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}"
        except (TypeError, ValueError, OverflowError, AttributeError):
            return fallback
        return found if _plain(found) is not None else fallback

    wide_low = day(parsed.lower_fuzzy(), "0000-01-01") if low is not None else None
    wide_high = day(parsed.upper_fuzzy(), "9999-12-31") if high is not None else None
    return wide_low, wide_high


#: Marks a renderer appends to a value no source states (render/marks.py).
_MARKS = "\u2020*"


def unmarked(text: str) -> str:
    """A date as the data holds it, without the mark a renderer gave it ('2012-08-30†')."""
    return text.rstrip(_MARKS)


def problem(text: str) -> str | None:
    """Why a text is not an acceptable date, or None if it is one."""
    try:
        bounds(text)
    except DateProblem as exc:
        return str(exc)
    return None


def is_plain(text: str) -> bool:
    """Whether a date is a plain ISO date (year, month or day precision), not an interval."""
    parts = _plain(text)
    return parts is not None and (parts[1] is None or 1 <= int(parts[1]) <= 12)


def start(text: str | None) -> str | None:
    """The earliest day a date can mean (None for none, or an open start)."""
    return None if text is None else bounds(text)[0]


def end(text: str | None) -> str | None:
    """The latest day a date can mean (None for none, or an open end)."""
    return None if text is None else bounds(text)[1]


def first_year(text: str) -> int | None:
    """The earliest year a date can fall in."""
    low = bounds(text)[0]
    return int(low[:4]) if low else None


def last_year(text: str) -> int | None:
    """The latest year a date can fall in."""
    high = bounds(text)[1]
    return int(high[:4]) if high else None


def sort_key(text: str | None) -> tuple[bool, str, str]:
    """Order: dated before undated, by earliest then latest day."""
    if text is None:
        return (True, "", "")
    low, high = bounds(text)
    return (False, low or "0000-00-00", high or "9999-99-99")


def year_position(text: str) -> float:
    """Where a date's start lies on a year axis (2008-07-01 is about 2008.5)."""
    low = bounds(text)[0] or bounds(text)[1] or "0000-01-01"
    year, month, day = int(low[:4]), int(low[5:7]), int(low[8:10])
    return year + (month - 1) / 12 + (day - 1) / 365


def long_date(text: str) -> str:
    """A date in words for a sentence: '7 March 2022', 'March 2022', '2022', or the EDTF
    text itself for anything else ('between 2012 and 2017' for a plain interval)."""
    parts = _plain(text)
    if parts is not None and is_plain(text):
        year, month, day = parts
        if month is None:
            return year
        import calendar

        name = calendar.month_name[int(month)]
        return f"{int(day)} {name} {year}" if day else f"{name} {year}"
    if text.count("/") == 1:
        lower, upper = text.split("/")
        if is_plain(lower) and is_plain(upper):
            return f"between {long_date(lower)} and {long_date(upper)}"
        if is_plain(lower) and upper == OPEN:
            return f"from {long_date(lower)} on"
    return text


#: Hours by which the latest clock on Earth (UTC+14, Kiribati) is ahead of UTC: a date is
#: in the future only when it has not begun anywhere yet.
_LATEST_OFFSET_HOURS = 14
#: 9999-12-31 23:59:59 UTC in seconds since 1970.
_LAST_SECOND = 253402300799


def today() -> str:
    """Today as an ISO date (YYYY-MM-DD) on the latest clock on Earth (UTC+14): the later of
    now and SOURCE_DATE_EPOCH (a whole number of seconds, as the report's time is fixed by
    it; at most 253402300799, the last second of 9999). A build's fixed time may move today
    later, never earlier: a time in the past must not make true dates look future. An
    unusable SOURCE_DATE_EPOCH is ignored here (the report says what is wrong with it)."""
    import os
    import time

    from ..environment import SOURCE_DATE_EPOCH

    seconds = int(time.time())
    epoch = os.environ.get(SOURCE_DATE_EPOCH, "")
    if epoch.isascii() and epoch.isdigit() and len(epoch) <= 12:
        seconds = max(seconds, int(epoch))
    latest = min(seconds + _LATEST_OFFSET_HOURS * 3600, _LAST_SECOND)
    return time.strftime("%Y-%m-%d", time.gmtime(latest))
