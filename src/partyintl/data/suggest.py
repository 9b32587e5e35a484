"""Suggestions for a mistyped value: one rule for countries, regions, fields, types, tags,
choices and record names.

A known value is suggested when the typed text is within a few edits of it, compared
without case, accents or punctuation (`fold`). An edit is one character inserted, deleted
or replaced, or two neighbours swapped (optimal string alignment distance, by rapidfuzz).
How many edits are allowed grows with the known value's length: one for up to 4
characters (`EU`, `npo`), two up to 12 (`Germany`, `communism`), then one for every six
characters (`Socialist Democratic Party of Germany`: six). A value further away than that
is never suggested: `Narnia` is no misspelling of `Africa`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


def allowed_edits(known: str) -> int:
    """How many edits a misspelling of `known` (as folded) may have to be suggested."""
    length = len(known)
    if length <= 1:  # changing the one character would make anything a misspelling of it
        return 0
    if length <= 4:
        return 1
    if length <= 12:
        return 2
    return length // 6


def edits(a: str, b: str) -> int:
    """The edit distance the rule uses between two folded strings (OSA, swaps count one)."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b))


def close_matches(text: str, choices: Iterable[str] | Mapping[str, str], n: int = 3) -> list[str]:
    """The known values `text` may be a misspelling of, closest first (at most `n`).

    `choices` are the known values, or a mapping from each spelling to the value to
    suggest for it (other names of one thing suggest that thing once). Ties keep the
    order of `choices`. Empty when nothing is close.
    """
    from rapidfuzz.distance import OSA

    from .countries import fold  # countries.py suggests through this module

    typed = fold(text)
    pairs = choices.items() if hasattr(choices, "items") else ((c, c) for c in choices)
    scored: dict[str, int] = {}
    for spelling, value in pairs:
        known = fold(spelling)
        if not known or not typed:
            continue
        limit = allowed_edits(known)
        distance = int(OSA.distance(typed, known, score_cutoff=limit))
        if distance <= limit and distance < scored.get(value, limit + 1):
            scored[value] = distance
    ranked = sorted(scored, key=lambda v: scored[v])  # stable: ties keep their order
    return ranked[:n]
