"""Files of schema version 1 are refused with a way out, and upgrade to version 2 losing
nothing: turning the upgraded file back into version 1 gives the old file again.

The fixture is data/partners.json as it was before version 2 (tests/fixtures).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partyintl import DatasetError, load_dataset
from partyintl.cli.app import main
from partyintl.data.load import validate
from partyintl.data.upgrade import (
    CONTACT_TEXTS,
    NAME_SOURCES,
    WHOLE_PAGE,
    linked_evidence,
    upgrade,
)

V1 = Path(__file__).resolve().parent / "fixtures" / "partners-v1.json"
Raw = dict[str, Any]


def _old() -> Raw:
    data: Raw = json.loads(V1.read_text(encoding="utf-8"))
    return data


# The inverse of the upgrade, written from version 1's definition: a spec of the mapping.


def downgrade(new: Raw) -> Raw:
    """The version-1 file a version-2 file stands for (only what version 1 can hold)."""
    page = new["sources"][0]
    pf = {s["id"]: s for s in new["sources"][1:]}
    old: Raw = {"schema_version": 1}
    src = {k: page.get(k) for k in ("id", "title", "site", "publisher", "copyright", "file")}
    if "note" in page:
        src["note"] = page["note"]
    if "lists" in page:
        src["lists"] = [
            {"list" if k == "id" else k: v for k, v in e.items()} for e in page["lists"]
        ]
    old["source"] = src
    for key in ("party", "partners", "organizations", "memberships", "people", "events"):
        if key not in new:
            continue
        value = new[key]
        if key == "party":
            old[key] = _org(value, pf)
        elif key in ("partners", "organizations"):
            old[key] = [_org(o, pf) for o in value]
        elif key == "memberships":
            old[key] = [{**m, "periods": [_para(p) for p in m["periods"]]} for m in value]
        elif key == "people":
            old[key] = [
                {
                    **p,
                    "posts": [_para(x) for x in p.get("posts", [])],
                    "other_names": [_name(n, p, pf) for n in p.get("other_names", [])],
                }
                for p in value
            ]
        else:
            old[key] = [_para(e) for e in value]
    if "contacts" in new:
        old["contacts"] = [_contact(c) for c in new["contacts"]]
    return old


def _paragraph(cite: Raw) -> int:
    return int(cite["at"].removeprefix("paragraph "))


def _para(record: Raw) -> Raw:
    out = {k: v for k, v in record.items() if k != "sources"}
    if record.get("sources"):
        (cite,) = record["sources"]
        out["paragraph"] = _paragraph(cite)
    return out


def _name(name: Raw, owner: Raw, pf: dict[str, Raw]) -> Raw:
    out = {k: v for k, v in name.items() if k != "sources"}
    for cite in name.get("sources", []):
        if cite["at"] == "core":
            out["source"] = "Party Facts core table"
        elif cite.get("note") == "the Wikidata label":
            out["source"] = "Wikidata label (Party Facts)"
        else:
            out["source"] = "Wikidata (Party Facts)"
    note = out.get("note") or ""
    if "; from " in note or note.startswith("from "):
        head, _, text = note.rpartition("from ")
        out["source"] = text
        out["note"] = head.removesuffix("; ") or None
    return out


def _org(org: Raw, pf: dict[str, Raw]) -> Raw:
    out = {k: v for k, v in org.items() if k not in ("sources",)}
    if "sources" in org:
        out["paragraphs"] = [_paragraph(c) for c in org["sources"] if c["at"] != WHOLE_PAGE]
    own = [i["identifier"] for i in org.get("identifiers", []) if i["scheme"] == "partyfacts"]

    def table(cite: Raw) -> tuple[str, str, str | None]:
        source = pf[cite["source"]]
        part = next(p for p in source["parts"] if p["id"] == cite["at"])
        return part["path"], source["commit"], part.get("note")

    if "identifiers" in org:
        out["identifiers"] = []
        for ident in org["identifiers"]:
            path, commit, _ = table(ident)
            evidence = ident.get("evidence") or linked_evidence(own[0])
            out["identifiers"].append(
                {
                    "scheme": ident["scheme"],
                    "identifier": ident["identifier"],
                    "table": path,
                    "commit": commit,
                    "evidence": evidence,
                }
            )
    if org.get("positions_source"):
        path, commit, note = table(org["positions_source"])
        out["positions_source"] = {
            "table": path,
            "commit": commit,
            "note": org["positions_source"].get("note") or note,
        }
    if "other_names" in org:
        out["other_names"] = [_name(n, org, pf) for n in org["other_names"]]
    return out


def _contact(contact: Raw) -> Raw:
    out = {k: v for k, v in contact.items() if k not in ("sources", "label", "office")}
    out.pop("restriction", None)
    fields = {}
    for new, ru, en in CONTACT_TEXTS:
        text = contact.get(new)
        fields[f"{new}.text"], fields[f"{new}.gloss"] = ru, en
        if text is None:
            if new in contact:
                out[ru] = out[en] = None
        elif text["language"] == "en" and text.get("gloss") is None:
            out[en] = text["text"]
        else:
            out[ru], out[en] = text["text"], text.get("gloss")
    if "inferred" in contact:
        out["inferred"] = [
            {**i, "field": fields.get(i["field"], i["field"])} for i in out["inferred"]
        ]
    return out


def bare(value: Any) -> Any:
    """Without nulls and empty lists: version 1 wrote some defaults and left others out."""
    if isinstance(value, dict):
        return {k: bare(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [bare(v) for v in value]
    return value


def test_the_old_bundled_file_upgrades_validates_and_round_trips() -> None:
    old = _old()
    new, notes = upgrade(copy.deepcopy(old))
    ds = validate(new, "upgraded", None)  # raises DatasetError with every problem otherwise
    assert ds.schema_version == 2
    assert bare(downgrade(new)) == bare(old)
    assert notes[0].startswith(
        "sources[0].as_of and as_of: 2018, the last year of the copyright line"
    )
    assert (new["as_of"], new["sources"][0]["as_of"]) == ("2018", "2018")
    # The repeated provenance is declared once.
    assert [s["id"] for s in new["sources"]] == [
        "spravedlivo-international-activities",
        "partyfacts",
    ]
    text = json.dumps(new)
    assert text.count("764de8978f84ba41a1c88752d6a00b9a4d05f599") == 1
    assert text.count("import/wikipedia/wikidata.csv") == 1


def test_an_old_file_is_refused_with_the_upgrade_command(tmp_path: Path) -> None:
    path = tmp_path / "old party.json"
    path.write_bytes(V1.read_bytes())
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    assert [p.describe() for p in info.value.problems] == [
        "schema_version: this file is in schema version 1; this partyintl reads version 2"
    ]
    assert info.value.hint == (
        f"Upgrade it, losing nothing: partyintl upgrade '{path}' -o NEW.json (then use NEW.json)."
    )


def test_upgrade_command_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new.json"
    assert main(["upgrade", str(V1), "-o", str(new)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert f"Wrote {new}\n" in err and "note: sources[0].as_of and as_of: 2018" in err
    assert main(["validate", str(new)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{new}: valid, schema version 2: 2 sources, 54 partners")
    assert main(["validate", str(V1)]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"partyintl: error: {V1}: 1 problem\n"
        "  schema_version: this file is in schema version 1; this partyintl reads version 2\n"
        f"Upgrade it, losing nothing: partyintl upgrade {V1} -o NEW.json (then use NEW.json).\n",
    )
    assert main(["upgrade", str(new)]) == 0  # already upgraded: nothing to do
    assert capsys.readouterr() == (
        "",
        f"{new}: already schema version 2; nothing to upgrade, nothing written.\n",
    )


def test_the_upgraded_file_escapes_what_could_drive_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _old()
    hostile = "\u202eevil\u2066"
    # A name may not hold them (validation refuses it); a description may.
    old["partners"][0]["description"] = hostile
    old["source"]["copyright"] = f"2006-2018 {hostile}"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert main(["upgrade", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "\u202e" not in out + err and "\u2066" not in out + err
    assert json.loads(out)["partners"][0]["description"] == hostile  # the same value, escaped
    assert "\\u202eevil\\u2066" in err and "\\u202eevil\\u2066" in out  # escaped


# Generated old files: the fixture with its parts varied within what version 1 allowed.

TEXT = st.text(alphabet="abc XYZ.,é", min_size=1, max_size=12)
#: A printed text and its gloss say something, with no space at either end (rules.py).
PRINTED = TEXT.map(str.strip).filter(bool)


@st.composite
def old_files(draw: st.DrawFn) -> Raw:
    old = _old()
    partners = old["partners"]
    keep = draw(st.lists(st.integers(0, len(partners) - 1), min_size=1, max_size=8, unique=True))
    named = json.dumps([old["events"], old["people"], [p.get("part_of") for p in partners]])
    old["partners"] = [p for i, p in enumerate(partners) if i in keep or f'"{p["id"]}"' in named]
    for org in [old["party"], *old["partners"], *old["organizations"]]:
        if draw(st.booleans()):
            org["paragraphs"] = draw(st.lists(st.integers(1, 14), max_size=3))
        for name in org.get("other_names", []):
            choice = draw(st.sampled_from([None, "drop", *NAME_SOURCES]))
            if choice == "drop":
                name.pop("source", None)
            elif choice is not None:
                name["source"] = choice
        for ident in org.get("identifiers", []):
            if ident["scheme"] != "partyfacts" and draw(st.booleans()):
                ident["evidence"] = draw(TEXT)
        if org.get("positions_source") and draw(st.booleans()):
            org["positions_source"]["note"] = draw(TEXT)
    for contact in old["contacts"]:
        for _, ru, en in CONTACT_TEXTS[1:]:
            pick = draw(st.sampled_from(["keep", "both", "none", "drop"]))
            if pick == "both":
                contact[ru], contact[en] = draw(PRINTED), draw(PRINTED)
            elif pick == "none":
                contact[ru] = contact[en] = None
            elif pick == "drop":
                contact.pop(ru, None)
                contact.pop(en, None)
                contact["inferred"] = [
                    i for i in contact.get("inferred", []) if i["field"] not in (ru, en)
                ]
    if draw(st.booleans()):
        old["source"]["copyright"] = draw(st.sampled_from(["2006-2018", "1999", "2010–2024"]))
    return old


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old_files())
def test_generated_old_files_round_trip(old: Raw) -> None:
    new, _ = upgrade(copy.deepcopy(old))
    assert bare(downgrade(new)) == bare(old)
    validate(new, "upgraded", None)


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        ("2999", "is in the future"),
        ("2016/..", "is open at one end"),
        ("../2016", "is open at one end"),
        ("2099-01-01", "is in the future"),
    ],
)
def test_a_bad_as_of_is_said_of_the_option(tmp_path: Path, as_of: str, said: str) -> None:
    """`upgrade --as-of 2030` failed the upgraded file's validation and said "Fix these
    and run partyintl validate again", blaming a file the user had not written."""
    from conftest import run_here

    out = tmp_path / "new.json"
    code, stdout, err = run_here(["upgrade", str(V1), "--as-of", as_of, "-o", str(out)])
    assert (code, stdout) == (2, "")
    assert err.startswith(f"partyintl: error: --as-of {as_of} {said}"), err
    assert not out.exists()


#: The latest fact of the version-1 fixture (a post held as of 2013-05-22).
V1_LATEST = "2013-05-22"


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.integers(2005, 2016).map(str),
        st.tuples(st.integers(2012, 2014), st.integers(1, 12)).map(lambda d: f"{d[0]}-{d[1]:02d}"),
        st.dates(
            min_value=__import__("datetime").date(2013, 4, 1),
            max_value=__import__("datetime").date(2013, 7, 1),
        ).map(str),
        st.just("2010/2012"),
        st.just("2012/2014"),
    )
)
def test_an_as_of_before_the_files_facts_is_said_of_the_option(as_of: str) -> None:
    """`upgrade --as-of 2010` of a file with facts of 2012-2013 listed twelve problems "in
    the version-1 file", which had none: the option's date was the fault (the fresh
    tester, helper 58). Said of the option with the latest fact, exit 2, nothing written;
    an as-of date no earlier than every fact upgrades."""
    import tempfile

    from conftest import run_here
    from partyintl.data import dates

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "new.json"
        code, stdout, err = run_here(["upgrade", str(V1), "--as-of", as_of, "-o", str(out)])
        if (dates.end(as_of) or "") < V1_LATEST:
            assert (code, stdout) == (2, "")
            assert err == (
                f"partyintl: error: --as-of {as_of} is before what {V1} dates: its latest "
                f"fact is of {V1_LATEST}, and a file may hold nothing after its as-of date; "
                f"give --as-of {V1_LATEST} or later, or leave it out to derive one.\n"
            )
            assert not out.exists()
        else:
            assert (code, stdout) == (0, ""), err
            assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == as_of


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_a_version_1_file_citing_several_party_facts_commits_upgrades(
    tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    """A version-1 file whose ids cite two Party Facts commits failed to upgrade: a name
    read from the Wikidata table was cited to the commit of the record's first id, which
    had read only the core table ("'wikidata' is no part of the source ..."), a problem of
    a file the user never wrote. Any of its ids moved to another commit: the upgrade is a
    valid file, and says each commit's source."""
    from conftest import ROOT, run_here

    text = (ROOT / "tests" / "fixtures" / "partners-v1.json").read_text(encoding="utf-8")
    commit = "764de8978f84ba41a1c88752d6a00b9a4d05f599"
    places = [i for i in range(len(text)) if text.startswith(commit, i)]
    moved = data.draw(
        st.lists(st.sampled_from(places), min_size=1, max_size=len(places), unique=True)
    )
    other = "0123456789abcdef0123456789abcdef01234567"
    for at in sorted(moved, reverse=True):
        text = text[:at] + other + text[at + len(commit) :]
    folder = tmp_path_factory.mktemp("commits")
    (folder / "v1.json").write_text(text, encoding="utf-8")
    code, out, err = run_here(["upgrade", str(folder / "v1.json"), "-o", str(folder / "v2.json")])
    assert code == 0, err
    assert f"Party Facts at commit {other}, declared once" in err
    code, out, err = run_here(["validate", str(folder / "v2.json")])
    assert code == 0, err


@pytest.mark.parametrize("spoil", ["no source", "source without id", "a listing's unknown list"])
def test_an_upgrade_that_cannot_be_made_says_how_and_writes_nothing(
    tmp_path: Path, spoil: str
) -> None:
    """A version-1 file without its `source` got the hint "Give --as-of DATE.", and one whose
    upgrade failed validation "run `partyintl validate` again" of a file never written. The
    hint says what to correct in the version-1 file; nothing is written."""
    from conftest import run_here

    old = json.loads(V1.read_text(encoding="utf-8"))
    if spoil == "no source":
        del old["source"]
    elif spoil == "source without id":
        del old["source"]["id"]
    else:
        old["partners"][0]["listing"]["list"] = "no-such-list"
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    out = tmp_path / "v2.json"
    code, stdout, err = run_here(["upgrade", str(path), "-o", str(out)])
    assert (code, stdout) == (1, "") and not out.exists(), err
    assert "--as-of" not in err and "partyintl validate" not in err, err
    if spoil == "a listing's unknown list":
        assert err.endswith(
            f"Correct these in {path} (the version-1 file) and run `partyintl upgrade` again.\n"
        ), err
    else:
        assert "add it." in err, err
