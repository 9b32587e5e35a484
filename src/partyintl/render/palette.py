"""The colours and glyphs of things people see, and the contrast rule every piece of text
on a figure follows.

A partner type looks the same wherever it is shown: its colour on figures, its colour in a
terminal table and in rich pictures, and its bar glyph in a terminal chart are written
once, in TYPE_LOOKS (its words are data/enums.PARTNER_TYPE_WORDS).

Colours for kinds of thing come from Okabe and Ito's palette, which people with the
common forms of colour blindness tell apart. Text is set in near-black or white, whichever
stands out more from what lies behind it; WCAG 2.x asks 4.5:1 for text of normal size
(success criterion 1.4.3, level AA), and `contrast` computes the ratio as WCAG defines it.
"""

from __future__ import annotations

INK = "#1a1a1a"
MUTED = "#5a5a5a"
GRID = "#d0d0d0"
PAPER = "#ffffff"


class TypeLook:
    """How one partner type is shown: `colour` on figures (#rrggbb, Okabe-Ito), `ansi` in a
    terminal table (an SGR colour code), `style` in rich pictures (a rich colour name,
    the terminal's own rendering of the same hue), `bar` and `bar_ascii` the glyph its
    bars are drawn with (Unicode, or ASCII where the terminal cannot show more), `mark`
    and `mark_ascii` the one its marks on a scale are: each type its own, so that the
    pictures say the type without colour too."""

    __slots__ = ("colour", "ansi", "style", "bar", "bar_ascii", "mark", "mark_ascii")

    def __init__(
        self,
        colour: str,
        ansi: str,
        style: str,
        bar: str,
        bar_ascii: str,
        mark: str,
        mark_ascii: str,
    ) -> None:
        self.colour = colour
        self.ansi = ansi
        self.style = style
        self.bar = bar
        self.bar_ascii = bar_ascii
        self.mark = mark
        self.mark_ascii = mark_ascii


#: Each partner type's look, in the order of data/enums.PARTNER_TYPE_VALUES.
TYPE_LOOKS = {
    "party": TypeLook("#0072b2", "36", "cyan", "█", "#", "●", "o"),
    "international": TypeLook("#cc79a7", "35", "magenta", "▓", "=", "▲", "^"),
    "npo": TypeLook("#009e73", "32", "green", "▒", "+", "■", "x"),
}
#: One colour per partner type on figures.
TYPE_COLOURS = {kind: look.colour for kind, look in TYPE_LOOKS.items()}
#: One colour per partner type in a terminal table (SGR codes) and in rich pictures.
TYPE_ANSI = {kind: look.ansi for kind, look in TYPE_LOOKS.items()}
TYPE_STYLE = {kind: look.style for kind, look in TYPE_LOOKS.items()}
#: One colour per status in an international (Okabe-Ito).
STATUS_COLOURS = {"observer": "#e69f00", "consultative": "#56b4e9", "full": "#009e73"}
#: The party itself, wherever it is drawn.
PARTY_COLOUR = "#d55e00"
#: People, and the bodies that are neither partners nor internationals (grey).
PERSON_COLOUR = "#444444"
BODY_COLOUR = "#999999"
#: WCAG 2.x AA: the least contrast for text of normal size.
TEXT_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The relative luminance (0 black .. 1 white) of a `#rrggbb` colour, as WCAG defines it."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours: 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(background: str) -> str:
    """The text colour (INK or white) that stands out more from a background."""
    return INK if contrast(INK, background) >= contrast(PAPER, background) else PAPER
