"""The command line is written once: change the spec and every path follows.

Each case changes one attribute of one option in a copy of cli/spec.py's SPEC (a default,
an environment variable, the choices, a new option) and checks that the Typer app built
from that copy, the fast interpreter reading it, and completion all see the change.
"""

from __future__ import annotations

import ast
import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from partyintl.cli import app as app_module
from partyintl.cli import argv as argv_module
from partyintl.cli import completion, interpret, spec
from partyintl.cli.spec import SPEC, Option, Spec, replace, with_option
from partyintl.render import fonts


@contextmanager
def captured() -> Iterator[io.StringIO]:
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        yield out
    finally:
        sys.stdout = saved


def _both(mutated: Spec, argv: list[str]) -> tuple[str, str]:
    """What the Typer app built from the mutated spec and the fast path print."""
    args = argv_module.normalise(argv, mutated)
    with captured() as out:
        code = interpret.run(args, mutated)
    fast = out.getvalue()
    assert code == 0, fast
    with captured() as out:
        assert app_module.main(args, app_module.build_app(mutated)) == 0
    return fast, out.getvalue()


def _names(argv: list[str], mutated: Spec) -> list[str]:
    fast, typer = _both(mutated, argv)
    assert fast == typer
    return [row["name"] for row in json.loads(fast)]


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PARTYINTL_NO_FAST", "PARTYINTL_DATA", "PARTYINTL_SORT", "PARTYINTL_LIMIT"):
        monkeypatch.delenv(name, raising=False)


BY_NAME = ["partners", "--sort", "name", "--json"]


def test_a_new_default_is_followed_by_both_paths() -> None:
    mutated = with_option(SPEC, "partners", "sort", default="name")
    names = _names(["partners", "--json"], mutated)
    assert names == _names(BY_NAME, SPEC)
    assert names != _names(["partners", "--json"], SPEC)


@pytest.mark.parametrize("default", ["2", "0", "10"])
def test_a_default_is_parsed_by_both_paths_as_a_given_value_is(default: str) -> None:
    """A default of an option with a parser (a count here) is the text a user would
    type: both paths convert it (a fresh tester saw each path fail on the other's form)."""
    mutated = with_option(SPEC, "partners", "limit", default=default)
    assert len(_names(["partners", "--json"], mutated)) == min(int(default), 54)


def test_every_default_is_what_its_option_takes() -> None:
    """Flags default to True or False; a value's default is text its parser accepts."""
    from partyintl.cli.values import PARSERS

    options = [*SPEC.root, *(o for c in SPEC.commands for o in c.options)]
    for opt in options:
        if opt.action in ("flag", "version"):
            assert type(opt.default) is bool, opt.names
        elif opt.default is not None:
            assert type(opt.default) is str, opt.names
            if opt.parser:
                PARSERS[opt.parser](opt.default)  # raises BadValue if it does not take it


def test_an_environment_variable_is_read_by_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    mutated = with_option(SPEC, "partners", "sort", envvar="PARTYINTL_SORT")
    monkeypatch.setenv("PARTYINTL_SORT", "name")
    assert _names(["partners", "--json"], mutated) == _names(BY_NAME, SPEC)
    assert _names(["partners", "--json"], SPEC) != _names(BY_NAME, SPEC)
    monkeypatch.setenv("PARTYINTL_SORT", "")  # empty: as if unset, as click reads it
    assert _names(["partners", "--json"], mutated) == _names(["partners", "--json"], SPEC)


def test_new_choices_reach_completion() -> None:
    mutated = with_option(SPEC, "partners", "sort", parser="name_style")
    opt = next(o for o in mutated.command("partners").options if o.dest == "sort")  # type: ignore[union-attr]
    assert opt.choices == ["source", "usual"]
    original = completion.SPEC
    completion.SPEC = mutated
    try:
        assert completion.candidates(["partners", "--sort"], "") == ["source", "usual"]
    finally:
        completion.SPEC = original
    assert completion.candidates(["partners", "--sort"], "n") == ["name"]


def test_a_new_option_is_parsed_by_both_paths_and_completed() -> None:
    limit = Option(("--at-most",), "limit", "At most this many.", metavar="N", parser="count")
    partners = SPEC.command("partners")
    assert partners is not None
    options = tuple(o for o in partners.options if o.dest != "limit") + (limit,)
    mutated = replace(
        SPEC,
        commands=tuple(
            replace(c, options=options) if c.name == "partners" else c for c in SPEC.commands
        ),
    )
    assert len(_names(["partners", "--at-most", "2", "--json"], mutated)) == 2
    original = completion.SPEC
    completion.SPEC = mutated
    try:
        assert "--at-most" in (completion.candidates(["partners"], "--at") or [])
    finally:
        completion.SPEC = original


def _string_constants(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of a module that is not a docstring, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    parts = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # an f-string: its text, "{}" for each value
            parts.update(id(v) for v in node.values)
            pieces = (v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            yield node.lineno, "".join(pieces)
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings and id(node) not in parts:
            yield node.lineno, node.value  # type: ignore[attr-defined]


def test_every_option_name_is_written_in_the_spec_only() -> None:
    """No module but the spec spells an option's name in code (docs and comments aside)."""
    package = Path(spec.__file__).resolve().parents[1]
    names = {n for c in SPEC.commands for o in c.options for n in o.names}
    names |= {n for o in SPEC.root for n in o.names}
    pattern = re.compile(
        r"(?<![\w}-])("
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name in ("spec.py", "_help.py"):
            continue
        for line, text in _string_constants(path):
            if path.name == "completion.py" and text in completion.SCRIPTS.values():
                continue  # the shells' own options (`compopt -o default`)
            if path.name == "fonts.py" and text in fonts.FC_LIST_CHARSETS:
                continue  # fontconfig's own (`fc-list -f FORMAT`)
            hit = pattern.search(text)
            if hit:
                found.append(f"{path.relative_to(package)}:{line}: {hit.group(1)}")
    assert found == []


def test_flag_finds_names_by_keyword() -> None:
    assert spec.flag("since", "timeline") == "--since"
    assert spec.flag("data") == "--data"
    assert spec.flag("output", "export") == "--output"
    with pytest.raises(KeyError):
        spec.flag("nonsense")
