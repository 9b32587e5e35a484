"""Things written once: a test fails when a copy of one reappears in the package.

- The colours and glyphs of a partner type live in render/palette.py (TYPE_LOOKS), its
  words in data/enums.py (PARTNER_TYPE_WORDS): no other literal lists the three types.
- Control characters are made visible by escaping.py only: no other f-string writes a
  `\\xNN` or `\\uNNNN` escape.
- The labels' languages come from the data; `--lang`'s own words are data/enums.GLOSS and
  PRINTED: no literal lists `en` with `ru`.

The scan reads every module's syntax tree (docstrings and comments are not code).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from partyintl.data.enums import GLOSS, PARTNER_TYPE_VALUES, PARTNER_TYPE_WORDS, PRINTED
from partyintl.render.palette import TYPE_LOOKS

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "partyintl"
#: Every module but the generated ones (data tables written by scripts/gen_static.py).
MODULES = sorted(
    p for p in PACKAGE.rglob("*.py") if p.name == "__init__.py" or not p.name.startswith("_")
)


def _strings(node: ast.AST) -> set[str]:
    """The text constants a literal lists: a dict's keys, a sequence's items, and the first
    item of each pair in a sequence of pairs (`(("party", "Parties"), ...)`)."""
    if isinstance(node, ast.Dict):
        items: list[ast.AST | None] = list(node.keys)
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        items = list(node.elts)
        items += [e.elts[0] for e in node.elts if isinstance(e, ast.Tuple) and e.elts]
    else:
        return set()
    return {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}


def _literals(path: Path) -> list[tuple[int, set[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, _strings(node)) for node in ast.walk(tree) if _strings(node)]


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(PACKAGE)}:{line}"


def test_the_partner_types_are_listed_in_one_place() -> None:
    types = set(PARTNER_TYPE_VALUES)
    found = [
        _where(path, line)
        for path in MODULES
        for line, strings in _literals(path)
        if types <= strings
    ]
    assert found == [_where(PACKAGE / "render" / "palette.py", _looks_line())]


def _looks_line() -> int:
    tree = ast.parse((PACKAGE / "render" / "palette.py").read_text(encoding="utf-8"))
    return next(
        n.value.lineno
        for n in tree.body
        if isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "TYPE_LOOKS" for t in n.targets)
    )


def test_every_partner_type_has_a_look_and_words() -> None:
    assert tuple(TYPE_LOOKS) == PARTNER_TYPE_VALUES == tuple(PARTNER_TYPE_WORDS)


def _escapes(path: Path) -> list[int]:
    """Lines of f-strings that write `\\x` or `\\u` before a hex format of a code point."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        for before, value in zip(node.values, node.values[1:], strict=False):
            if (
                isinstance(before, ast.Constant)
                and str(before.value).endswith(("\\x", "\\u"))
                and isinstance(value, ast.FormattedValue)
                and value.format_spec is not None
                and ast.unparse(value.format_spec).strip("f'\"").endswith("x")
            ):
                found.append(node.lineno)
    return found


def test_control_characters_are_escaped_in_one_place() -> None:
    found = [_where(p, line) for p in MODULES for line in _escapes(p)]
    assert found
    assert {spot.split(":")[0] for spot in found} == {"escaping.py"}, found


@pytest.mark.parametrize("pair", [("en", "ru")])
def test_no_list_of_label_languages(pair: tuple[str, str]) -> None:
    found = [
        _where(path, line)
        for path in MODULES
        for line, strings in _literals(path)
        if set(pair) <= strings
    ]
    assert found == []
    assert (GLOSS, PRINTED) == ("en", "printed")


def test_the_scan_finds_copies() -> None:
    """The scans see what they look for (so that an empty answer above means something)."""
    tree = ast.parse(
        'COLOURS = {"party": 1, "international": 2, "npo": 3}\n'
        'PAIRS = (("party", "P"), ("international", "I"), ("npo", "N"))\n'
        'LANGS = ("en", "ru")\n'
    )
    assert [_strings(n.value) for n in tree.body if isinstance(n, ast.Assign)] == [
        {"party", "international", "npo"},
        {"party", "international", "npo"},
        {"en", "ru"},
    ]


def test_the_version_is_pyprojects() -> None:
    """The version is written twice by necessity (pyproject.toml for the build, the
    package's __init__ for `--version` at no import cost): the two agree."""
    import re

    import partyintl
    from conftest import ROOT

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"$', pyproject, re.M)
    assert found is not None and partyintl.__version__ == found.group(1)
