"""`contacts`: the contact block in the language asked for, numbers formatted."""

from __future__ import annotations

from ..data import shapes
from ..data.enums import GLOSS, PRINTED
from ..errors import UsageError
from ..structs import cast
from .fields import CONTACT_FIELDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..data.load import Dataset
    from .records import ContactRecord

    Record = dict[str, Any]
    Raw = dict[str, Any]


def contacts(ds: Dataset, lang: str = GLOSS) -> list[ContactRecord]:
    """The contact block, its labels in the language asked for: `en` gives the English
    glosses, `printed` the texts as printed, a language the texts are printed in (ru)
    the printed texts. Each row keeps both forms (`label_printed`, `label_en`, ...)."""
    raws = [shapes.dump(c, shapes.CONTACT) for c in ds.raw.get("contacts", ())]
    printed = {
        t["language"].split("-")[0]
        for c in raws
        for key in ("label", "office", "restriction")
        if (t := c[key]) is not None
    }
    if lang not in (GLOSS, PRINTED) and lang.split("-")[0] not in printed:
        known = ", ".join(sorted(printed - {GLOSS})) or GLOSS
        raise UsageError(
            f"'{lang}' is not a language of the labels: they are printed in {known}.",
            list(dict.fromkeys([GLOSS, PRINTED, *sorted(printed)])),
            label="Give one of",
        )
    rows = []
    for data in raws:
        row: Record = {
            "id": data["id"],
            "type": data["type"],
            "value": data["value"],
            "printed": data["printed"],
            "label": _text_in(data["label"], lang),
            "office": _text_in(data["office"], lang),
            "restriction": _text_in(data["restriction"], lang),
            "note": data["note"],
            "formatted": _formatted(data),
            "language": data["label"]["language"],
        }
        for key in ("label", "office", "restriction"):
            text = data[key]
            row[f"{key}_printed"] = text["text"] if text else None
            row[f"{key}_en"] = _text_in(text, GLOSS)
        row["sources"] = data["sources"]
        # What is inferred of a text (restriction.text, restriction.gloss) marks the column
        # that shows it, in whichever language.
        row["inferred"] = data["inferred"]
        rows.append(cast("ContactRecord", {f: row[f] for f in CONTACT_FIELDS}))
    return rows


def _text_in(text: Raw | None, lang: str) -> str | None:
    """A printed text in the language asked for: its gloss for en (the text itself when it
    is English or has no gloss), the text as printed otherwise."""
    if text is None:
        return None
    if lang == GLOSS and not text["language"].startswith(GLOSS):
        return str(text["gloss"] or text["text"])
    return str(text["text"])


def _formatted(contact: Raw) -> str:
    """A number in international format with any extension (+7 495 787-85-15 ext. 123);
    a website as it is."""
    if contact["type"] == "website":
        return str(contact["value"])
    from ..data import phones

    return phones.formatted(contact["value"])
