"""One normal form of party names for comparison, with the variants translation makes.

A machine-translated page writes "Socialist Democratic" where a party calls itself "Social
Democratic", and "Labor" where the party writes "Labour"; "Center" and "Centre",
"Organization" and "Organisation", "Belorussian" and "Belarusian" are the same words. The
normal form folds case, accents and punctuation (data/countries.fold), drops a leading
"the", and writes each variant one way, so that both sides of a comparison read alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..data.countries import dropped_in_words

__all__ = ["VARIANTS", "normalise"]

#: (a variant, the form it is written as), both folded words; longer variants first.
VARIANTS: tuple[tuple[str, str], ...] = (
    ("socialist democratic", "social democratic"),
    ("socialist democrats", "social democrats"),
    ("socialdemocratic", "social democratic"),
    ("socialdemocrats", "social democrats"),
    ("labor", "labour"),
    ("laborist", "labourist"),
    ("center", "centre"),
    ("centers", "centres"),
    ("organization", "organisation"),
    ("organizations", "organisations"),
    ("defense", "defence"),
    ("belorussian", "belarusian"),
    ("byelorussian", "belarusian"),
)

_PATTERN = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(v) for v, _ in VARIANTS) + r")(?![a-z0-9])"
)
_TABLE = dict(VARIANTS)


_PUNCTUATION = re.compile(r"[^\w\s]|_")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The normal form of a name: "The Socialist Democratic Party of Sweden" ->
    "social democratic party of sweden"; "Workers' Party" -> "workers party". Case,
    accents, format characters and punctuation go as data/countries.fold takes them away
    (dropped_in_words; ASCII text, most of Party Facts' names, without looking at each
    character)."""
    if text.isascii():
        folded = text.casefold()
    else:
        bare = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in bare if not dropped_in_words(c)).casefold()
    folded = " ".join(_PUNCTUATION.sub(" ", folded).split())
    while folded.startswith("the "):
        folded = folded[4:]
    return _PATTERN.sub(lambda m: _TABLE[m.group(1)], folded)
