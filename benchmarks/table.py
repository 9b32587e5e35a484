"""The benchmarks' result tables: Markdown for the README, or aligned columns for a terminal."""

from __future__ import annotations


def print_table(head: list[str], rows: list[list[str]], markdown: bool) -> None:
    """Print `head` and `rows` (cells as text, each row as long as `head`) as a Markdown
    table, or as columns padded to their widest cell, two spaces apart."""
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    for row in [head, *rows]:
        print("  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)))
