"""Build data/si-membership.json, the bundled roster of the Socialist International's
membership decisions, with partyintl's own draft and link, from the files beside it:

- data/si-membership/decisions.csv: the decisions as printed (a copy of the shared
  transcription of the SI's pages), one row each;
- data/si-membership/sources.json: the three sources, with what their stored copies did not
  show (the 2003 list breaks off; the Cape Town page has no date of its own);
- data/si-membership/links.csv: the decisions on Party Facts links (made by
  `partyintl link DRAFT --accept-unique -o links.csv`, then decided by hand).

It runs what a user would (tests/test_collection.py checks the file is what this makes):

    partyintl draft data/si-membership/decisions.csv --party "Socialist International (SI)" \\
        --sources data/si-membership/sources.json -o draft.json
    partyintl link draft.json --apply data/si-membership/links.csv -o data/si-membership.json
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "data" / "si-membership"
TARGET = ROOT / "data" / "si-membership.json"
PARTY = "Socialist International (SI)"


def build() -> bytes:
    """The roster's bytes, as draft and link --apply make them."""
    from partyintl.draft.run import draft_file
    from partyintl.link.run import apply_file

    _, body, _ = draft_file(
        str(FOLDER / "decisions.csv"),
        url=None,
        retrieved=None,
        published=None,
        language=None,
        party=PARTY,
        sources=str(FOLDER / "sources.json"),
    )
    with tempfile.TemporaryDirectory() as tmp:
        draft = os.path.join(tmp, "draft.json")
        Path(draft).write_bytes(body)
        linked, _, warnings = apply_file(draft, str(FOLDER / "links.csv"), None)
    for warning in warnings:  # a link to another country's party: check links.csv
        print(f"warning: {warning}", file=sys.stderr)
    return linked


def main() -> int:
    data = build()
    if TARGET.exists() and TARGET.read_bytes() == data:
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    TARGET.write_bytes(data)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
