"""Where the map PNG's first drawing goes: resvg's canvas, the world's outlines, the inset.

Usage: python benchmarks/map_png.py [--runs K] [--markdown]

Makes the bundled data's map as SVG (`partyintl map -f svg`), then times
resvg (resvg_py.svg_to_bytes, as figures.to_png calls it) on parts of it, each the least of
K runs (load only ever adds), beside `python -c pass` measured in the same run:

- the canvas alone (the figure's size, nothing drawn) at zoom 0.5, 1, 2 and 4: filling and
  compressing the pixels, the floor of any PNG of this size;
- the world panel alone and the inset alone, on that canvas, at the same zooms;
- the whole figure at zoom 2 (what `map -f png` draws), and variants of it: the outlines'
  points snapped to whole map units and cut to their end points (no curves), or thinned to
  one point per 2 map units; no white borders (stroke); the borders only (no fill).

What it shows: the outlines cost in proportion to the figure's size in pixels (their
length across scanlines), not to their number of points; the canvas alone at zoom 2 is
already near 10x `python -c pass`.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable

#: The zooms the canvas and the panels are drawn at (the PNG is drawn at 2).
ZOOMS = (0.5, 1.0, 2.0, 4.0)
_PANEL = re.compile(r'<svg x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*" viewBox="[^"]*">')
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")
_SEGMENT = re.compile(r"([MmLlHhVvCcSsQqTtZz])([^MmLlHhVvCcSsQqTtZz]*)")
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "z": 0}


def map_svg() -> str:
    """The bundled data's map, as `partyintl map -f svg` writes it."""
    done = subprocess.run(
        [sys.executable, "-m", "partyintl", "map", "-f", "svg"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def panels(svg: str) -> tuple[str, list[str]]:
    """The figure's opening tag and each nested <svg> panel (the world, the inset) whole."""
    head = svg[: svg.index(">", svg.index("<svg")) + 1]
    found = []
    for match in _PANEL.finditer(svg):
        end = svg.index("</svg>", match.start()) + len("</svg>")
        found.append(svg[match.start() : end])
    return head, found


def end_points(d: str, step: float) -> str:
    """A path's end points only (curves cut to lines), snapped to `step` map units, a point
    dropped when it lands where the last one did."""
    out: list[str] = []
    x = y = 0.0
    last: tuple[float, float] | None = None
    for command, args in _SEGMENT.findall(d):
        kind, relative = command.lower(), command.islower()
        numbers = [float(n) for n in _NUMBER.findall(args)]
        if kind == "z":
            out.append("Z")
            last = None
            continue
        size = _ARITY[kind]
        for at in range(0, len(numbers) - size + 1, size):
            args_ = numbers[at : at + size]
            if kind == "h":
                x = x + args_[0] if relative else args_[0]
            elif kind == "v":
                y = y + args_[0] if relative else args_[0]
            else:
                x, y = (x + args_[-2], y + args_[-1]) if relative else (args_[-2], args_[-1])
            point = (round(x / step) * step, round(y / step) * step)
            if point != last:
                out.append(
                    ("M" if kind == "m" and last is None else "L") + f"{point[0]:g} {point[1]:g}"
                )
                last = point
    return "".join(out)


def least(draw: Callable[[], object], runs: int) -> float:
    """The least of `runs` timings of draw(), in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        draw()
        best = min(best, time.perf_counter() - start)
    return best


def python_pass(runs: int) -> float:
    """The least wall time of `python -c pass` on this interpreter, in seconds."""
    return least(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    import resvg_py

    svg = map_svg()
    head, (world, inset) = panels(svg)

    def draw(text: str, zoom: float) -> Callable[[], object]:
        return lambda: resvg_py.svg_to_bytes(svg_string=text, background="#ffffff", zoom=zoom)

    base = python_pass(args.runs * 3)
    rows: list[tuple[str, str, float]] = []
    for zoom in ZOOMS:
        for label, body in (("canvas alone", ""), ("world panel", world), ("inset", inset)):
            rows.append((label, f"{zoom:g}", least(draw(head + body + "</svg>", zoom), args.runs)))
    variants = {
        "whole figure": svg,
        "points snapped to 1 unit, no curves": re.sub(
            r'd="([^"]*)"', lambda m: f'd="{end_points(m.group(1), 1.0)}"', svg
        ),
        "points thinned to 2 units, no curves": re.sub(
            r'd="([^"]*)"', lambda m: f'd="{end_points(m.group(1), 2.0)}"', svg
        ),
        "no borders (stroke)": re.sub(r' stroke="#ffffff" stroke-width="[^"]*"', "", svg),
        "borders only (no fill)": re.sub(r'(<g class="mark") fill="[^"]*"', r'\1 fill="none"', svg),
    }
    for label, text in variants.items():
        rows.append((label, "2", least(draw(text, 2.0), args.runs)))
    if args.markdown:
        print("| drawn | zoom | resvg | / python -c pass |")
        print("|---|---|---|---|")
        for label, shown, seconds in rows:
            print(f"| {label} | {shown} | {seconds * 1000:,.0f} ms | {seconds / base:.1f}x |")
        print(f"\npython -c pass: {base * 1000:.1f} ms; the least of {args.runs} runs each")
    else:
        for label, shown, seconds in rows:
            print(f"{label:40} zoom {shown:>4}  {seconds * 1000:8.1f} ms  {seconds / base:6.1f}x")
        print(f"python -c pass {base * 1000:.1f} ms")


if __name__ == "__main__":
    main()
