"""The generated tables the fast path reads are exactly what they were generated from."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pycountry
import pytest

from conftest import DATA, ROOT, run_cli
from partyintl.cli import _help
from partyintl.data import _bundled, _iso
from partyintl.data import shapes as shape
from partyintl.data.load import validate
from partyintl.data.models import Contact, Inference, Listing, Organization, OtherName

sys.path.insert(0, str(ROOT / "scripts"))
from gen_static import OUTPUTS, RULE_MODULES, SUPPORT, iso_rows  # noqa: E402

REGENERATE = "out of date: run `uv run python scripts/gen_static.py`"


def test_iso_table_is_pycountry() -> None:
    assert list(_iso.COUNTRIES) == iso_rows(), REGENERATE
    assert len(_iso.COUNTRIES) == len(pycountry.countries)


def test_bundled_digest_is_the_file_and_the_file_is_valid() -> None:
    data = DATA.read_bytes()
    assert hashlib.sha256(data).hexdigest() == _bundled.BUNDLED_SHA256, REGENERATE
    validate(json.loads(data), str(DATA), str(DATA))  # in full, whatever any cache says


def test_the_bundled_tree_is_the_file_parsed() -> None:
    """The generated tree is json.loads of the file: keys in order, ints and floats alike
    (json.dumps tells 1 from 1.0), and each call builds a new copy."""
    from partyintl.data import _bundled_tree

    parsed = json.loads(DATA.read_bytes())
    assert json.dumps(_bundled_tree.tree()) == json.dumps(parsed), REGENERATE
    first = _bundled_tree.tree()
    first["partners"].clear()
    assert _bundled_tree.tree()["partners"] == parsed["partners"]


@pytest.mark.parametrize("path", list(OUTPUTS), ids=[p.name for p in OUTPUTS])
def test_every_generated_module_is_what_the_generator_writes(path: Path) -> None:
    """Change cli/spec.py (a default, an alias, a help text) or the data, and this fails.
    A table read from a font this machine lacks (render/_glyphs.py) cannot be checked."""
    try:
        expected = OUTPUTS[path]()
    except FileNotFoundError as exc:
        pytest.skip(f"no {exc.args[0]} on this machine")
    assert path.read_text(encoding="utf-8") == expected, REGENERATE


@pytest.mark.parametrize("key", list(_help.HELP))
def test_stored_help_is_what_typer_prints_at_any_wide_terminal(key: str) -> None:
    args = [key, "--help"] if key else ["--help"]
    typer_help = run_cli(*args, env={"PARTYINTL_NO_FAST": "1", "COLUMNS": "80"})
    assert _help.HELP[key] == typer_help.stdout, REGENERATE
    assert run_cli(*args, env={"COLUMNS": "120"}).stdout == typer_help.stdout


@pytest.mark.parametrize(
    ("table", "model"),
    [
        (shape.ORGANIZATION, Organization),
        (shape.CONTACT, Contact),
        (shape.LISTING, Listing),
        (shape.OTHER_NAME, OtherName),
        (shape.INFERENCE, Inference),
    ],
)
def test_shape_tables_follow_the_models(table: tuple[tuple[str, object], ...], model: type) -> None:
    fields = model.model_fields  # type: ignore[attr-defined]
    assert [name for name, _ in table] == list(fields)
    for name, default in table:
        info = fields[name]
        if default is shape.REQUIRED:
            assert info.is_required(), name
        else:
            assert info.get_default(call_default_factory=True) == default, name


def test_dump_equals_model_dump_for_every_bundled_record(raw_data: dict[str, object]) -> None:
    orgs = [raw_data["party"], *raw_data["partners"], *raw_data["organizations"]]  # type: ignore[misc]
    for org in orgs:
        assert shape.dump(org, shape.ORGANIZATION) == Organization.model_validate(org).model_dump(
            mode="json"
        )
    for contact in raw_data["contacts"]:  # type: ignore[attr-defined]
        assert shape.dump(contact, shape.CONTACT) == Contact.model_validate(contact).model_dump(
            mode="json"
        )


def test_the_rules_revision_covers_every_module_validation_runs() -> None:
    """Every module of the package that a full validation imports is one whose code goes
    into RULES_REVISION or is named as support (a fresh tester found a file accepted by an
    old marker after the rules had changed: the revision was a number bumped by hand)."""
    code = (
        "import sys, json\n"
        "from partyintl.data.load import load_bytes\n"
        f"load_bytes(open({str(DATA)!r}, 'rb').read(), 'x.json', full=True)\n"
        "print(json.dumps([m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('partyintl') and getattr(m, '__file__', None)]))\n"
    )
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    package = ROOT / "src" / "partyintl"
    imported = {Path(f).resolve().relative_to(package).as_posix() for f in json.loads(done.stdout)}
    assert imported - set(RULE_MODULES) - set(SUPPORT) == set()
    assert {m for m in RULE_MODULES if m.endswith(".py")} <= imported
