"""A PNG's characters that no installed font has (resvg draws them as empty boxes, and
says nothing): the user is told which, and what to do. fontconfig is played by a fake
`fc-list` that holds the characters a test gives it."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, run_here
from partyintl.render import fonts

#: A stand-in for fontconfig's fc-list: one font, holding the characters (code points in
#: hex) of $FAKE_FONT_HOLDS, or every one but those of $FAKE_FONT_LACKS; `fc-list --format
#: %{charset}` prints its charset as fontconfig does (ranges `a-b` and points `c`).
FAKE = """#!{python}
import os, sys
with open(os.environ["FAKE_FONT_LOG"], "a") as log:
    log.write(repr(sys.argv[1:]) + "\\n")
if "FAKE_FONT_LACKS" in os.environ:
    lacks = sorted(int(c, 16) for c in os.environ["FAKE_FONT_LACKS"].split())
    words, start = [], 0
    for code in lacks:
        if code > start:
            words.append("%x-%x" % (start, code - 1))
        start = code + 1
    words.append("%x-10ffff" % start)
else:
    words = os.environ.get("FAKE_FONT_HOLDS", "").split()
print(" ".join(words))
"""


@pytest.fixture
def fake_fc_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "fc-list"
    program.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "asked.log"
    log.write_text("", encoding="utf-8")
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_FONT_LOG", str(log))
    return log


BLOCKS = [0x0400, 0x0530, 0x0600, 0x0E00, 0x3040, 0x4E00, 0x4F00, 0xAC00, 0x1F600]


@settings(max_examples=30, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(BLOCKS), st.integers(0, 90), st.booleans()),
        min_size=1,
        max_size=6,
        unique_by=lambda p: (p[0], p[1]),
    ),
)
def test_the_characters_no_font_holds_are_named_in_their_order(
    picks: list[tuple[int, int, bool]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever blocks the characters are in, and whichever the one font holds: exactly
    those it does not hold, in the order the figure draws them."""
    chars = [chr(block + offset) for block, offset, _ in picks]
    held = [c for c, (_, _, has) in zip(chars, picks, strict=True) if has]
    folder = tmp_path_factory.mktemp("fc")
    with pytest.MonkeyPatch.context() as patch:
        program = folder / "fc-list"
        program.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
        program.chmod(0o755)
        patch.setenv("PATH", str(folder))
        patch.setenv("FAKE_FONT_LOG", str(folder / "log"))
        holds = [f"{ord(c):x}" for c in [*held, fonts.SURELY_HELD]]
        patch.setenv("FAKE_FONT_HOLDS", " ".join(holds))
        assert fonts.missing(chars) == [c for c in chars if c not in held]


def test_latin_text_asks_nothing(fake_fc_list: Path) -> None:
    svg = '<svg><text x="1">Parti socialiste — Æ café</text><title>中国</title></svg>'
    assert fonts.drawn_characters(svg) == ["—"]
    assert fonts.drawn_characters("<svg><text>Bündnis &amp; Ñ</text></svg>") == []
    assert fonts.missing([]) == []
    assert fake_fc_list.read_text(encoding="utf-8") == ""


def test_without_fontconfig_nothing_is_said(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list there
    assert fonts.missing(["中"]) is None
    assert fonts.missing_note("<svg><text>中国</text></svg>") is None


def test_many_characters_ask_once_and_are_all_counted(
    fake_fc_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30 Chinese characters were said as "8 ... and 13 more": the calls to fc-list were
    capped, and the characters not asked about were not counted. One call lists every
    font's characters; every character no font has is named or counted."""
    monkeypatch.setenv("FAKE_FONT_HOLDS", f"{ord(fonts.SURELY_HELD):x} 4e00-4e09")
    chars = [chr(0x4E00 + i) for i in range(2000)]
    assert fonts.missing(chars) == chars[10:]
    asked = fake_fc_list.read_text(encoding="utf-8").splitlines()
    assert asked == [repr(list(fonts.FC_LIST_CHARSETS))]  # one call
    note = fonts.missing_note("<svg><text>" + "".join(chars) + "</text></svg>")
    assert note is not None and f" and {len(chars) - 10 - fonts.SHOWN:,} more:" in note


@pytest.mark.parametrize("holds", [True, False])
def test_a_png_of_chinese_names_says_when_they_show_as_boxes(
    fake_fc_list: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, holds: bool
) -> None:
    data = json.loads(Path(DATA).read_text(encoding="utf-8"))
    data["partners"][0]["name"] = "中国共产党"
    path = tmp_path / "cjk.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    codes = "" if holds else " ".join(f"{ord(c):x}" for c in "中国共产党")
    monkeypatch.setenv("FAKE_FONT_LACKS", codes)
    monkeypatch.setenv("PARTYINTL_NO_CACHE", "1")
    out = tmp_path / "p.png"
    code, _, err = run_here(
        ["--data", str(path), "partners", "-n", "2", "-f", "png", "-o", str(out)]
    )
    assert code == 0 and out.read_bytes().startswith(b"\x89PNG")
    note = (
        "No font installed here has 中 国 共 产 党: the PNG shows them as empty boxes. "
        "Install a font that has them (Noto Sans CJK for Chinese, Japanese and Korean; Noto "
        "Sans for most other scripts), or write SVG (--format svg), which a browser draws "
        "with its own fonts.\n"
    )
    assert err == ("" if holds else note) + f"Wrote {out}\n"


def test_a_fontconfig_that_knows_no_font_says_nothing(
    fake_fc_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in fc-list that answered nothing to everything made a Latin, Cyrillic and
    Greek figure say "No font installed here has • С о ...": a fontconfig that knows no
    font with a Latin letter knows nothing, and nothing is said."""
    monkeypatch.setenv("FAKE_FONT_HOLDS", "")
    assert fonts.missing(["•", "С", "Ω"]) is None
    assert fonts.missing_note("<svg><text>• Социал Ωmega</text></svg>") is None


def test_one_character_is_one_box(fake_fc_list: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_FONT_LACKS", f"{ord('中'):x}")
    note = fonts.missing_note("<svg><text>中 Party</text></svg>")
    assert note is not None and note.startswith(
        "No font installed here has 中: the PNG shows it as an empty box. Install a font "
        "that has it ("
    )
