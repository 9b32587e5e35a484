"""The environment variables: each named once (partyintl/environment.py), and every
switch read by one rule (on when set to anything but empty or `0`)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, captured
from partyintl import environment
from partyintl.cli import interpret
from partyintl.data import cache
from partyintl.lifecycle import debug_wanted

SWITCHES = {
    environment.NO_FAST: lambda: interpret.run(["partners", "-n", "1", "-f", "tsv"]) is None,
    environment.NO_CACHE: lambda: not cache.enabled(),
    environment.DEBUG: lambda: debug_wanted(False),
}


@pytest.mark.parametrize("name", SWITCHES)
@pytest.mark.parametrize(
    ("value", "on"),
    [(None, False), ("", False), ("0", False), ("1", True), ("yes", True), ("false", True)],
)
def test_every_switch_reads_its_value_by_one_rule(
    name: str, value: str | None, on: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh tester saw PARTYINTL_NO_FAST=0 turn the fast path off, while =0 meant off
    for the two other switches."""
    for other in SWITCHES:
        monkeypatch.delenv(other, raising=False)
    if value is not None:
        monkeypatch.setenv(name, value)
    with captured(False):
        assert SWITCHES[name]() is on
    assert environment.switched_on(name) is on


def test_every_variable_is_named_in_one_place() -> None:
    """No module but environment.py spells a PARTYINTL_ variable's name in its code or in
    the text it shows (docstrings and comments aside; the completion scripts' own
    `_PARTYINTL_` protocol is not a user's variable), and each one the README's table
    lists is one of its names."""
    from test_spec import _string_constants

    spelled = re.compile(r"(?<![_A-Z])PARTYINTL_[A-Z_]+")
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in sorted((ROOT / "src" / "partyintl").rglob("*.py"))
        if path.name not in ("environment.py", "_help.py")  # _help.py: generated from the spec
        for line, text in _string_constants(path)
        if spelled.search(text)
    ]
    assert found == []
    names = {v for k, v in vars(environment).items() if k.isupper() and isinstance(v, str)}
    listed = {re.match(r"`?(\w+)", name).group(1) for name, _ in environment.variables()}  # type: ignore[union-attr]
    assert {n for n in listed if n.startswith("PARTYINTL_")} == {
        n for n in names if n.startswith("PARTYINTL_")
    }
    assert names <= listed  # a convention it follows (SOURCE_DATE_EPOCH) is listed too
