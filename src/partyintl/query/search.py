"""How `--search` compares text: folded, each word in its plain form (and the same rules
as data, for the report page's filter)."""

from __future__ import annotations

from ..data import countries
from ..data.countries import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Record = dict[str, Any]
    Raw = dict[str, Any]


#: British and other spellings read as the ones the page uses.
_SPELLINGS = {
    "labour": "labor",
    "centre": "center",
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
}


#: Endings a word loses (the first that fits) on its way to its plain form.
_SUFFIXES = ("ists", "ist", "ism")


def search_rules() -> dict[str, Any]:
    """The rules of `search_key` as data, for the report page's filter to apply them alike:
    `drop` (the punctuation and spaces `fold` turns into one space, a regular expression),
    `combining` (what `fold` removes from within words after decomposing: combining marks
    and format characters, as a character class of Python's own Unicode data, since
    JavaScript has no combining classes), `spellings`
    (words read as others) and `suffixes` (endings dropped)."""
    return {
        "drop": countries.FOLD_DROP,
        "combining": _combining_class(),
        "spellings": _SPELLINGS,
        "suffixes": _SUFFIXES,
    }


def _combining_class() -> str:
    """The code points `fold` drops from within words (countries.dropped_in_words: the
    combining marks and the format characters), as a regular-expression class with
    \\u{...} ranges (planes 0 and 1 hold every combining mark Unicode has; the format
    characters beyond, the tags of plane 14, are refused in names)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x20000):
        if countries.dropped_in_words(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "[" + "".join(f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in ranges) + "]"


def _stem(word: str) -> str:
    """A word's plain form, so `Socialist`, `socialists` and `social` meet, and
    `Democratic`, `Democrats` and `democrat` (the page's translation varies).

    The report page's filter applies the same steps in JavaScript (render/report.py);
    tests/test_report.py checks that both find the same partners."""
    word = _SPELLINGS.get(word, word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith("ic") and len(word) > 6:
        word = word[:-2]
    return word


#: The longest --search text, in characters: far longer than any name or description it
#: could be part of, short enough that folding it costs nothing.
MAX_SEARCH = 1000


def search_key(text: str) -> str:
    """Text in the form searches compare: folded, each word in its plain form."""
    return " ".join(_stem(w) for w in fold(text).split())


#: What `--search` (and the report's filter) looks in, in words.
SEARCHED = "names, other names and notes"


def searchable(org: Raw) -> str:
    """The text `--search` looks in: an organisation's names, id, notes, description and
    printed list item, folded and in plain form (see `search_key`)."""
    parts = [
        org["name"],
        org["id"],
        *(o["name"] for o in org.get("other_names", ())),
        *org.get("notes", ()),
    ]
    if org.get("description"):
        parts.append(org["description"])
    if org.get("listing"):
        parts.append(org["listing"]["printed"])
    text = " | ".join(parts)
    return f"{fold(text)} | {search_key(text)}"
