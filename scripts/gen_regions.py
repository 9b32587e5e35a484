"""Regenerate the dated memberships of the unions in src/partyintl/data/regions.json.

Usage (country_converter is not a dependency of partyintl, and its 1.3 release needs
pandas below 3):
    uv run --no-project --with country_converter --with 'pandas<3' python scripts/gen_regions.py

The European Union: which countries joined in which enlargement, and who left, is read from
country_converter's membership groups (EU12, EU15, EU25, EU27_2007, EU28 and today's EU27);
each group's date is the entry into force of its accession treaty (EUR-Lex), and the
founding six and the first three enlargements, which country_converter holds as one group
(EU12), get theirs from the table below. The United Kingdom's exit is the Withdrawal
Agreement's date. The Commonwealth of Independent States: country_converter lists only its
members of today, so the dates are written here (the CIS Executive Committee, e-cis.info),
and checked against that list. Only the unions' `members` are rewritten; the continents
(UN M49, undated) stay as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ROOT / "src" / "partyintl" / "data" / "regions.json"

#: Entry dates of the twelve members country_converter groups as EU12 (European
#: Communities: the Treaty of Rome in force, then the accessions of 1973, 1981, 1986).
EU12_DATES = {
    **dict.fromkeys(("BE", "DE", "FR", "IT", "LU", "NL"), "1958-01-01"),
    **dict.fromkeys(("DK", "IE", "GB"), "1973-01-01"),
    "GR": "1981-01-01",
    **dict.fromkeys(("ES", "PT"), "1986-01-01"),
}
#: The later enlargements: country_converter's group and its treaty's entry into force.
ENLARGEMENTS = (
    ("EU15", "1995-01-01"),
    ("EU25", "2004-05-01"),
    ("EU27_2007", "2007-01-01"),
    ("EU28", "2013-07-01"),
)
#: The last day of membership of a country that left (the United Kingdom: 31 January 2020).
EU_EXIT = "2020-01-31"

#: CIS: founding states of the Belovezha Agreement (8 December 1991) and the Alma-Ata
#: Protocol (21 December 1991), later entries and exits. Dates at the precision known.
CIS = (
    ("BY", "1991-12-08", None, None),
    ("RU", "1991-12-08", None, None),
    (
        "UA",
        "1991-12-08",
        "2018",
        "a founding state that never ratified the Charter; it "
        "ended its participation in the CIS's bodies in 2018",
    ),
    ("AM", "1991-12-21", None, None),
    ("AZ", "1991-12-21", None, "its parliament ratified membership only in September 1993"),
    ("KZ", "1991-12-21", None, None),
    ("KG", "1991-12-21", None, None),
    ("MD", "1991-12-21", None, None),
    ("TJ", "1991-12-21", None, None),
    ("UZ", "1991-12-21", None, None),
    ("TM", "1991-12-21", None, "an associate state since 26 August 2005"),
    ("GE", "1993-12", "2009-08-18", None),
)


def eu_members(cc: Any) -> list[dict[str, str]]:
    """EU members with entry (and exit) dates, from country_converter's groups."""
    groups = {
        name: set(getattr(cc, f"{name}as")("ISO2")["ISO2"])
        for name in ("EU12", "EU15", "EU25", "EU27_2007", "EU28", "EU27")
    }
    assert groups["EU12"] == set(EU12_DATES), groups["EU12"] ^ set(EU12_DATES)
    start = dict(EU12_DATES)
    before = groups["EU12"]
    for group, date in ENLARGEMENTS:
        for code in groups[group] - before:
            start[code] = date
        before = groups[group]
    left = groups["EU28"] - groups["EU27"]
    return [
        {"code": code, "from": start[code], **({"until": EU_EXIT} if code in left else {})}
        for code in sorted(start, key=lambda c: (start[c], c))
    ]


#: Where country_converter's CIS list is known to differ from the CIS's own (its 1.3.2
#: release leaves out Kyrgyzstan, a member since 21 December 1991).
CIS_GAPS = {"KG"}


def cis_members(cc: Any) -> list[dict[str, str]]:
    """CIS members with entry (and exit) dates; today's members checked against
    country_converter's list (which leaves out the associate Turkmenistan)."""
    today = set(cc.CISas("ISO2")["ISO2"])
    ours = {code for code, _, until, note in CIS if until is None and code != "TM"}
    assert today ^ ours == CIS_GAPS, today ^ ours
    return [
        {
            "code": code,
            "from": start,
            **({"until": until} if until else {}),
            **({"note": note} if note else {}),
        }
        for code, start, until, note in CIS
    ]


def main() -> None:
    """Rewrite the unions' members in regions.json."""
    import country_converter as coco

    cc = coco.CountryConverter()
    data = json.loads(REGIONS.read_text(encoding="utf-8"))
    made = {"European Union": eu_members(cc), "CIS": cis_members(cc)}
    for region in data["regions"]:
        if region["name"] in made:
            region["members"] = made[region["name"]]
            region.pop("countries", None)
            region.pop("as_of", None)
    REGIONS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
