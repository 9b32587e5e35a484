"""A figure too big to draw says what to do with the command's own options and names the
format asked: generated over every command and figure format."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from partyintl.cli.spec import NARROWING, SPEC
from partyintl.errors import FigureTooBig
from partyintl.render.figures import too_big_message

Invoke = Callable[..., tuple[int, str, str]]
SEED = Path(__file__).parent / "fixtures" / "seed-page.txt"

#: (command, figure format) for every command whose --format draws figures.
FIGURES = [
    (command.name, fmt)
    for command in SPEC.commands
    for option in command.options
    if option.dest == "fmt"
    for fmt in ("svg", "png")
    if fmt in (option.choices or [])
]


def test_the_figure_commands() -> None:
    assert {c for c, _ in FIGURES} >= {"partners", "link", "sources", "countries", "spectrum"}


@pytest.mark.parametrize("pixels", [False, True])
@pytest.mark.parametrize(("command", "fmt"), FIGURES, ids=[f"{c}-{f}" for c, f in FIGURES])
def test_a_too_big_figure_suggests_only_the_commands_own_options(
    command: str, fmt: str, pixels: bool
) -> None:
    spec = SPEC.command(command)
    assert spec is not None
    names = {n for o in spec.options for n in o.names}
    exc = (
        FigureTooBig("9000 x 9000 px", "", pixels=True)
        if pixels
        else FigureTooBig("138 rows", "at most 40")
    )
    message = too_big_message(exc, command, fmt)
    suggested = set(re.findall(r"--[a-z-]+", message))
    assert suggested <= names, (command, message)
    narrowing = [o.names[0] for o in spec.options if o.dest in NARROWING]
    assert set(narrowing) <= suggested
    if pixels:
        assert message.startswith("This figure (9000 x 9000 px) is too large for a PNG: ")
    else:
        article = "a PNG" if fmt == "png" else "an SVG"
        assert message.startswith(f"138 rows are too many for {article} figure (at most 40): ")
        html = any(o.dest == "fmt" and "html" in (o.choices or []) for o in spec.options)
        assert ("--format html" in message) == html


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_testers_link_figure(fmt: str, tmp_path: Path, invoke: Invoke) -> None:
    """link has no --limit, --country or --type; a PNG asked is called a PNG."""
    from partyintl.draft.run import draft_file

    _, body, _ = draft_file(
        str(SEED), url=None, retrieved=None, published=None, language=None, party=None
    )
    data = tmp_path / "draft.json"
    data.write_bytes(body)
    out = tmp_path / f"figure.{fmt}"
    code, stdout, stderr = invoke("link", str(data), "-f", fmt)
    assert (code, stdout) == (2, "")
    article = "a PNG" if fmt == "png" else "an SVG"
    assert stderr == (
        f"partyintl: error: 152 rows are too many for {article} figure (at most 40): use "
        "--format html for the whole table.\n"
    )
    # link's -o is the decisions file (CSV), never the figure: a figure's name is refused.
    code, stdout, stderr = invoke("link", str(data), "-f", fmt, "-o", str(out))
    assert (code, stdout) == (2, "")
    assert f"the decisions file is CSV, and the name says {fmt}" in stderr
    assert not out.exists()
