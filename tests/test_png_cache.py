"""Rendered figures kept in the cache folder: the same bytes again, never a foreign file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyintl.data import cache
from partyintl.render import figures

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect x="2" y="2" width="{w}" height="10" fill="#336699"/></svg>'
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTYINTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PARTYINTL_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times resvg is asked to draw."""
    import resvg_py

    calls: list[int] = []
    real = resvg_py.svg_to_bytes

    def counted(**kwargs: object) -> bytes:
        calls.append(1)
        return bytes(real(**kwargs))  # type: ignore[arg-type]

    monkeypatch.setattr(resvg_py, "svg_to_bytes", counted)
    import partyintl.lifecycle

    monkeypatch.setattr(partyintl.lifecycle, "in_child", lambda draw: draw())
    return calls


def test_the_same_figure_is_read_back_and_a_changed_one_drawn(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _renders(monkeypatch)
    first = figures.to_png(SVG.format(w=10))
    assert first.startswith(b"\x89PNG") and len(calls) == 1
    assert figures.to_png(SVG.format(w=10)) == first and len(calls) == 1
    other = figures.to_png(SVG.format(w=20))
    assert other != first and len(calls) == 2
    (entry,) = [p for p in folder.iterdir() if p.read_bytes() == first]
    assert entry.stat().st_mode & 0o777 == 0o600 and folder.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("spoil", ["garbage", "empty", "cut short", "link", "folder", "no cache"])
def test_a_spoiled_entry_is_drawn_again(
    spoil: str, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _renders(monkeypatch)
    svg = SVG.format(w=12)
    good = figures.to_png(svg)
    name = figures._png_cache_name(svg)
    assert name is not None
    entry = folder / name
    entry.unlink()
    if spoil == "garbage":
        entry.write_bytes(b"not a png")
    elif spoil == "empty":
        entry.write_bytes(b"")
    elif spoil == "cut short":  # a PNG's signature, but not the whole of it
        entry.write_bytes(good[: len(good) // 2])
    elif spoil == "link":
        elsewhere = tmp_path / "elsewhere.png"
        elsewhere.write_bytes(b"\x89PNG\r\n\x1a\n" + b"planted")
        entry.symlink_to(elsewhere)
    elif spoil == "folder":
        entry.mkdir()
    else:
        monkeypatch.setenv("PARTYINTL_NO_CACHE", "1")
    assert figures.to_png(svg) == good
    assert len(calls) == 2
    if spoil == "link":
        assert not entry.is_symlink()  # replaced by the rendering, the target untouched
        assert (tmp_path / "elsewhere.png").read_bytes().endswith(b"planted")


def test_only_the_newest_figures_are_kept(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _renders(monkeypatch)
    monkeypatch.setattr(figures, "PNG_CACHE_KEEP", 3)
    for w in range(1, 7):
        figures.to_png(SVG.format(w=w))
        os.utime(folder / str(figures._png_cache_name(SVG.format(w=w))), ns=(w * 10**9,) * 2)
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted(str(figures._png_cache_name(SVG.format(w=w))) for w in (4, 5, 6))
    assert cache.read_entry(kept[0]) is not None


@pytest.fixture(scope="module")
def drawn() -> bytes:
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=SVG.format(w=14), background="#ffffff"))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_png_cut_or_changed_anywhere_is_not_whole(drawn: bytes, data: st.DataObject) -> None:
    """figures.whole_png, which decides whether a kept figure is used: a drawn PNG is
    whole; cut anywhere, or with any one byte changed, or with bytes after its end, not."""
    assert figures.whole_png(drawn)
    at = data.draw(st.integers(0, len(drawn) - 1))
    assert not figures.whole_png(drawn[:at])
    flip = data.draw(st.integers(1, 255))
    changed = drawn[:at] + bytes([drawn[at] ^ flip]) + drawn[at + 1 :]
    assert not figures.whole_png(changed)
    assert not figures.whole_png(drawn + data.draw(st.binary(min_size=1, max_size=8)))
