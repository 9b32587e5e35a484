"""What the source does not say looks different: inferred values marked, footnotes why.

A record's `inferred` list names its own fields (a dotted name marks the field before the
dot: `place.country` marks `place`); nested records (a person's posts, an organisation's
events) carry their own. For people reading a table, a card, Markdown, SVG or HTML, each
such value gets a mark and a footnote under the output says what was inferred and why.
Machine formats (JSON, JSON Lines, CSV) keep the `inferred` lists instead, and so does
plain output, which is for pipes: its values are never glued to a mark.
"""

from __future__ import annotations

from .view import View, cell, object_parts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    Record = Mapping[str, Any]

MARK = "\u2020"  # a dagger
ASCII_MARK = "*"


def inferred_fields(record: Record) -> dict[str, str]:
    """Field -> reason, for the fields a record marks as inferred."""
    found: dict[str, str] = {}
    for entry in record.get("inferred") or ():
        if isinstance(entry, dict) and isinstance(entry.get("field"), str):
            found.setdefault(entry["field"].split(".")[0], str(entry.get("reason", "")))
    return found


#: Footnotes name the record they explain, whole up to this many characters (longer than
#: any party's name: "Group of the Progressive Alliance of Socialists and Democrats in the
#: European Parliament" has 88), cut beyond it so that a name of megabytes is not printed
#: twice. A footnote wraps like any other line.
LABEL_SIZE = 400


def _label(record: Record, fallback: str = "") -> str:
    if record.get("status") and record.get("organization"):  # a membership's period
        whose = f"{record['member']}: " if record.get("member") else ""
        return f"{whose}{record['status']} member of {record['organization']}"
    for key in ("name", "title", "label", "role", "country", "region", "id"):
        if record.get(key):
            text = str(record[key])
            return text if len(text) <= LABEL_SIZE else text[: LABEL_SIZE - 1] + "…"
    return fallback


def mark_view(view: View, columns: list[str], ascii: bool, glue: bool = True) -> View:
    """The view with inferred values in `columns` marked and their footnotes attached.

    With `glue=False` (plain output, for pipes) the values stay as they are and only the
    footnotes are attached: a mark glued to a value would make `Greece` and `Greece†` two
    values for `sort | uniq`.
    """
    mark = ASCII_MARK if ascii else MARK
    notes: dict[str, None] = {}
    records = [_mark(r, columns, mark, notes) for r in view.records]
    if not notes:
        return view
    if not glue:
        return view._replace(footnotes=tuple(notes))
    return view._replace(records=records, footnotes=tuple(notes))


def _mark(record: Record, columns: list[str], mark: str, notes: dict[str, None]) -> Record:
    fields = inferred_fields(record)
    label = _label(record)
    out = dict(record)
    # Fields marked for one reason share a footnote: "Armenia, country, country code: ...".
    by_reason: dict[str, list[str]] = {}
    nested: dict[str, None] = {}
    for key in columns:
        value = record.get(key)
        if key == "inferred":
            continue
        if key in fields:  # an empty value is marked too: the footnote says what is unsure
            out[key] = cell(value) + mark
            by_reason.setdefault(fields[key], []).append(key.replace("_", " "))
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            out[key] = [_mark_nested(v, label, mark, nested) for v in value]
    for reason, keys in by_reason.items():
        notes[f"{label}, {', '.join(keys)}: {reason}"] = None
    notes.update(nested)  # the record's own values first, then those of its parts
    return out


def _mark_nested(item: Any, parent: str, mark: str, notes: dict[str, None]) -> Any:
    """A nested object with a mark after each inferred field its cell text shows.

    A field the cell does not show (an event brief's place) gets neither mark nor
    footnote: the footnote would explain a value nobody sees; JSON keeps it.
    """
    if not isinstance(item, dict):
        return item
    fields = inferred_fields(item)
    if not fields:
        return item
    out = dict(item)
    label = _label(item, parent)
    if label != parent and parent and not item.get("member"):  # a membership names its own
        label = f"{parent}: {label}"
    shown = {key for key, _ in object_parts(item) if key}
    for key, reason in fields.items():
        if key in shown and item.get(key) not in (None, ""):
            out[key] = f"{cell(item[key])}{mark}"
            notes[f"{label}, {key.replace('_', ' ')}: {reason}"] = None
    return out


def footnote(view: View, ascii: bool, marked: bool = True) -> list[str]:
    """The footnote lines under a view's output (none when nothing is inferred); headed by
    the mark when the values carry it (`marked`), else in words only."""
    if not view.footnotes:
        return []
    mark = ASCII_MARK if ascii else MARK
    head = (
        f"{mark} not stated by the source; inferred:"
        if marked
        else ("Not stated by the source; inferred:")
    )
    return [head, *(f"  {line}" for line in view.footnotes)]
