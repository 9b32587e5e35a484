"""Read a web page, saved as plain text or HTML in any language, into its parts.

The parts are what a draft data file cites: the title, the prose paragraphs numbered from
1 after the title, and the lists, each with its heading (or the paragraph that introduces
it) and its items, each item with its position and its text exactly as printed.

Plain text is read line by line. A list item is a line that starts with a number and a
full stop or bracket (`1.`, `1)`, `(1)`; digits of any script) or with a bullet (`-`, `*`,
`•`, `·`, `–`, `▪`, `●`, `◦`); the lines after it that start with neither belong to it.
Blocks are separated by blank lines. A block of one short line without closing
punctuation is a heading; any other block is a paragraph. Items that follow each other
(blank lines between them allowed) form one list, until a paragraph or a heading comes,
the marker changes kind, or the numbers start again.

HTML is read with the standard library's parser: `h1`-`h6` are headings, `ol`/`ul` with
their `li` are lists (an `ol`'s `start` and an `li`'s `value` give the numbers), `p`,
`div`, `br` and the like separate blocks, and a block of text that holds numbered or
bulleted lines is read as plain text is. `script`, `style`, `template` and the head (but
its `title`) are left out; the `lang` of `html` is the page's language.

The title is the page's `title` (HTML) or else its first `h1`; in plain text, the longest
heading before the first paragraph (shorter lines there are menus and breadcrumbs).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from ..escaping import as_shown

__all__ = ["Item", "Page", "PageList", "read_page"]

#: A numbered item: `1.`, `1)`, `(1)`, with digits of any script, or a circled number.
_NUMBERED = re.compile(r"^\s*(?:\((\d+)\)|(\d+)[.)]|([\u2460-\u2473]))\s+(\S.*)$")
#: A bulleted item.
_BULLET = re.compile(r"^\s*[-+*•·–—▪●◦‣・►▶▸○✓✔➢➤→■□◆◇❖★☆»]\s+(\S.*)$")
#: A copyright notice's mark, in any case: ©, (c), Copyright (build.py reads its years).
NOTICE = r"(?:©|\(c\)|copyright)"
#: A block that is a copyright notice: never the page's title.
_NOTICE_LINE = re.compile(r"^\s*" + NOTICE + r"(?:\s|\d|$)", re.IGNORECASE)
#: A line or list item that is a copyright notice, never a partner nor part of one: ©
#: or Copyright first, or (c) and a year ("(c) Green Youth" is an item lettered c).
_NOTICE_ITEM = re.compile(r"^\s*(?:(?:©|copyright)(?:\s|\d|$)|\(c\)\s*\d{4})", re.IGNORECASE)
#: Characters that close a sentence, in every script Unicode names a full stop, danda,
#: question or exclamation mark of (and the Myanmar, Tibetan, Khmer and Sinhala full
#: stops, the Meetei Mayek cheikhei and the Hebrew sof pasuq by their own names); a line
#: ending in one is no heading (a paragraph).
_CLOSING = (
    ".!?;:…。！？；：،؛۔"
    "\u037e\u055c\u055e\u0589\u061f\u0701\u0702\u07f9\u0964\u0965\u1362\u1367\u166e"
    "\u1803\u1809\u1944\u1945\u203c\u2047\u2048\u2049\u2cf9\u2cfa\u2cfb\u2cfe\u2e3c"
    "\u2e53\u2e54\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ua8ce\ua8cf\uaa5d\uaa5e\uaa5f\ufe12"
    "\ufe15\ufe16\ufe52\ufe56\ufe57\uff0e\uff61\U00010a56\U00010a57\U00011047"
    "\U00011048\U000110c0\U000110c1\U00011141\U00011142\U00011143\U000111c5\U000111c6"
    "\U00011238\U00011239\U0001144b\U0001144c\U000115c2\U000115c3\U00011641\U00011642"
    "\U00011944\U00011c41\U00011c42\U00016a6e\U00016a6f\U00016af5\U00016e98\U0001bc9f"
    "\U0001da88\U0001e95e\U0001e95f\U00011f43\U00011f44\u104b\u0f0d\u17d4\u0df4\uabeb\u05c3"
)
#: Longest line read as a heading.
HEADING_MAX = 100


@dataclass(frozen=True)
class Item:
    """One list item: its number in the list (1-based) and its text exactly as printed."""

    position: int
    text: str
    #: For an item of a list nested in another item: that item's index in the list's
    #: `items` (its position counts within the nested list).
    parent: int | None = None


@dataclass(frozen=True)
class PageList:
    """A list the page prints.

    `index` counts the page's lists from 1; `heading` is the heading printed right above
    it (None if none); `intro` the number of the paragraph right above it that ends with
    a colon, when that introduces it instead; `numbered` whether its items are numbered.
    """

    index: int
    heading: str | None
    intro: int | None
    numbered: bool
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Page:
    """A page's parts. `paragraphs[0]` is paragraph 1 (the first after the title)."""

    title: str | None
    paragraphs: tuple[str, ...]
    lists: tuple[PageList, ...]
    #: Headings in the order printed (the title not among them).
    headings: tuple[str, ...] = ()
    #: The language the page declares (HTML `lang`), as written there.
    language: str | None = None
    #: Whether it was read as HTML.
    html: bool = False
    #: HTML tables and definition lists on the page, which a draft does not read (a table
    #: is drafted as CSV).
    tables: int = 0
    #: List items of the site's menus, header, footer and sidebars (`nav`, `header`,
    #: `footer`, `aside`, their ARIA roles, or an id or class that names them), and items
    #: that are its contact lines or social network links or have no letter, left out: not
    #: partners.
    menu_items: int = 0
    #: Footnotes left out (an element `_HTMLReader.NOTE_NAMES` marks as the page's notes or
    #: one note): their text is neither a partner nor a paragraph.
    footnotes: int = 0


# Blocks: what both readers produce, and what the assembly turns into a Page.


@dataclass
class _Heading:
    text: str
    explicit: bool = False  # marked up as a heading (HTML), not guessed from its shape


@dataclass
class _Para:
    text: str


#: An HTML line break (`<br>`) inside a list item: the line separator, U+2028, which a
#: page's own text rarely holds and means the same by (its spaces and line breaks are
#: read as one space).
_BR = "\u2028"
#: What ends a line of a text page (str.splitlines also ends one at U+2028, U+0085, form
#: feeds and others, which split "- \u2028Social Party" into two items' worth of lines).
_LINE_ENDS = re.compile(r"\r\n|\r|\n")


@dataclass
class _ItemBlock:
    number: int | None  # None for a bullet
    text: str
    #: An HTML list's own identity: items of one `ol`/`ul` stay one list.
    group: int | None = None
    #: Text read after the item's first line, joined to `text` once, when the item ends
    #: (joining at every line made a long item, or a long page, quadratic).
    more: list[str] = field(default_factory=list)
    #: The item of an outer list whose `li` holds the list this item is in (HTML).
    parent: _ItemBlock | None = None

    def finish(self) -> None:
        """Join the text read after the first line to the item's text. A last line after
        an HTML line break that is a country or a region alone ("Labour Party<br>United
        Kingdom") is joined as ", Country", as a page prints a name's country on one line
        (a plain text's lines may be one name wrapped: "Communist Party of" / "China")."""
        if self.more:
            lines = [as_shown(line) for part in self.more for line in part.split(_BR)]
            lines = [line for line in [as_shown(self.text), *lines] if line]
            last = lines[-1] if len(lines) > 1 else ""
            if last and (_place(last) or _place(last.strip("()"))):
                self.text = f"{' '.join(lines[:-1]).rstrip(',')}, {last.strip('()')}"
            else:
                self.text = " ".join(lines)
            self.more = []


def _place(text: str) -> bool:
    """Whether a text is the name of a country or a region, and nothing more."""
    from ..data import countries, regions

    if countries.only_a_code(text.strip()):  # "al", "PT": no country on a line of its own
        return False
    return countries.lookup(text) is not None or regions.lookup(text) is not None


_Block = _Heading | _Para | _ItemBlock


def _item_start(line: str) -> _ItemBlock | None:
    found = _NUMBERED.match(line)
    if found:
        digits = found.group(1) or found.group(2) or found.group(3)  # ① is 1 in NFKC
        return _ItemBlock(int(unicodedata.normalize("NFKC", digits)), as_shown(found.group(4)))
    found = _BULLET.match(line)
    if found:
        return _ItemBlock(None, as_shown(found.group(1)))
    return None


def _looks_like_heading(text: str) -> bool:
    """A short text that does not end a sentence; the quotes and brackets that close after
    a full stop (`."`, `.)`, `。」`) are read past."""
    end = len(text)
    while (
        end > 0
        and unicodedata.category(text[end - 1]) in ("Pe", "Pf", "Pi")
        or (end > 0 and text[end - 1] in "\"'")
    ):
        end -= 1
    return 0 < len(text) <= HEADING_MAX and not (end and text[end - 1] in _CLOSING)


@dataclass
class _Level:
    """A list of a plain-text page being read: its items' indent, its identity, its last
    item (an item indented deeper starts a list nested in it) and the item it is in."""

    indent: int
    group: int
    last: _ItemBlock
    parent: _ItemBlock | None
    #: Its items are lettered (`a)`, `b)`): a line at its indent may begin the next.
    lettered: bool = False


@dataclass
class _Nesting:
    """The lists open while a plain-text page is read, outermost first (across blank
    lines; a paragraph or heading closes them all)."""

    levels: list[_Level] = field(default_factory=list)
    groups: int = 0

    def place(self, item: _ItemBlock, indent: int, lettered: bool = False) -> None:
        """Give an item its list and the item it is nested in, by its indent: deeper than
        the list before it, a list of its own in that list's last item."""
        while self.levels and self.levels[-1].indent > indent:
            self.levels.pop()
        if self.levels and self.levels[-1].indent == indent:
            level = self.levels[-1]
            level.last = item
        else:
            parent = self.levels[-1].last if self.levels else None
            self.groups += 1
            level = _Level(indent, self.groups, item, parent, lettered)
            self.levels.append(level)
        item.group, item.parent = level.group, level.parent

    def letters(self, indent: int) -> bool:
        """Whether a lettered line at this indent is an item: indented past the last item,
        or at the indent of a lettered list."""
        if not self.levels:
            return False
        top = self.levels[-1]
        return indent > top.indent or (indent == top.indent and top.lettered)


def _indent(line: str) -> int:
    return len(line) - len(line.expandtabs(4).lstrip())


def _text_blocks(lines: list[str], nesting: _Nesting) -> list[_Block]:
    """One blank-line-separated block of plain text as headings, paragraphs and items;
    items indented under an item are a list nested in it (`nesting` keeps the lists open
    from one block to the next); under an item, `a)` and `b.` begin items too, and so they
    do after a line that ends in ':' (`Foundations:`)."""
    blocks: list[_Block] = []
    pending: list[str] = []
    current: _ItemBlock | None = None
    #: Whether the items now are marked by letters at the top (after a line ending in
    #: ":", "Foundations:" then "a) ..."), not under an item.
    introduced = False

    def flush() -> None:
        nonlocal pending
        text = "\n".join(as_shown(p) for p in pending if p.strip())
        if text:
            one_line = "\n" not in text
            blocks.append(_Heading(text) if one_line and _looks_like_heading(text) else _Para(text))
            nesting.levels.clear()
        pending = []

    for line in lines:
        if _NOTICE_ITEM.match(line):  # "(c) 2020" right under the last item ends it
            if current is not None:
                current.finish()
                current = None
            pending.append(line)
            continue
        indent = _indent(line)
        start = _item_start(line)
        lettered = start is None and nesting.letters(indent)
        if lettered:
            start = _lettered(line)
        elif start is None and (
            introduced or (current is None and pending and pending[-1].rstrip().endswith(":"))
        ):
            start = _lettered(line)
            introduced = start is not None
        else:
            introduced = False
        if start is not None:
            flush()
            if current is not None:
                current.finish()
            current = start
            nesting.place(current, indent, lettered)
            blocks.append(current)
        elif current is not None and line.strip():
            current.more.append(line)
        else:
            pending.append(line)
    if current is not None:
        current.finish()
    flush()
    return blocks


#: An item marked under another by a letter, a Roman numeral or a number of the outer
#: one's: `a) Green Youth`, `B. Heinrich Böll Foundation`, `(c) ...`, `ii. ...`, `1.2. ...`.
_LETTERED = re.compile(
    r"^\s*(?:\((?:[a-zA-Z]|[ivxlc]+)\)|(?:[a-zA-Z]|[ivxlc]+|[IVXLC]+)[.)]|\d+(?:\.\d+)+\.?)"
    r"\s+(\S.*)$"
)


def _lettered(line: str) -> _ItemBlock | None:
    """An item marked as _LETTERED says, numbered by its place (a mark like `i` could be a
    letter or a numeral: counting the items never misreads it)."""
    found = _LETTERED.match(line)
    return None if found is None else _ItemBlock(None, as_shown(found.group(1)))


def _split_blocks(text: str) -> list[list[str]]:
    """A text page's blocks: its lines (ended by a line feed, a carriage return or both,
    never by U+2028, which an item reads as a line of its own, as HTML's `<br>`), grouped
    at blank lines."""
    groups: list[list[str]] = [[]]
    for line in _LINE_ENDS.split(text):
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _plain_blocks(text: str) -> list[_Block]:
    out: list[_Block] = []
    nesting = _Nesting()
    for group in _split_blocks(text):
        out.extend(_text_blocks(group, nesting))
    return out


#: The start of a tag the page ends inside: `</ul`, `<a href="x`, a `<` or `</` alone.
_CUT_TAG = re.compile(r"</?(?:[A-Za-z!]|$)")

#: HTML's elements that have no end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip


class _HTMLReader(HTMLParser):
    """HTML into blocks; see the module's docstring."""

    SKIP = frozenset({"script", "style", "template", "noscript", "svg", "head"})
    BREAK = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "aside",
            "nav",
            "blockquote",
            "pre",
            "table",
            "tr",
            "td",
            "th",
            "dl",
            "dt",
            "dd",
            "figure",
            "figcaption",
            "address",
            "form",
            "fieldset",
            "hr",
            "body",
            "center",
        }
    )
    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
    #: The parts of a page around its content, by element and by ARIA role: their lists
    #: are the site's menus and links, never partners.
    CHROME = frozenset({"nav", "header", "footer", "aside"})
    CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu"})
    #: Words of an element's id or class that name such a part (`id="footer"`,
    #: `class="main-menu"`, `class="social-links"`).
    CHROME_NAMES = frozenset(
        {
            "footer",
            "nav",
            "navbar",
            "navigation",
            "menu",
            "submenu",
            "sidebar",
            "breadcrumb",
            "breadcrumbs",
            "social",
            "share",
            "sharing",
            "cookie",
            "cookies",
        }
    )

    #: What marks an element as the page's footnotes or one footnote (`<ol
    #: class="footnotes">`, `<li id="fn1">`, `<p id="n1">`, `role="doc-endnotes"`): its
    #: text is no partner and no paragraph of the page, and is left out.
    NOTE_NAMES = frozenset({"footnote", "footnotes", "endnote", "endnotes"})
    NOTE_ROLES = frozenset(
        {"doc-endnotes", "doc-endnote", "doc-footnote", "doc-footnotes", "doc-noteref"}
    )
    NOTE_ID = re.compile(r"(?:fn|n|note|footnote|endnote|ftn)[-_:]?\d{1,3}", re.IGNORECASE)
    #: A `<sup>` inside an item that holds only this is a footnote's mark, left out.
    NOTE_MARK = re.compile(
        r"\[?\(?(?:(?:note\s*)?(?:\d{1,3}|[a-z]|[ivx]{1,4})"
        r"(?:\s*[,–-]\s*(?:\d{1,3}|[a-z]))*|\*{1,3}|[†‡§])\)?\]?",
        re.IGNORECASE,
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        #: The footnote element open (NOTE_NAMES) and how many of its name are open in it.
        self.note: list[Any] | None = None
        self.notes = 0
        #: The text of a `<sup>` open in an item (None when none is).
        self.sup: list[str] | None = None
        self.text: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self.in_title = False
        self.title_text: list[str] = []
        self.language: str | None = None
        self.heading: str | None = None
        #: Open lists: [numbered, next number, group id].
        self.lists: list[list[int | bool]] = []
        #: For each open list, the item whose `li` holds it (None for a list at the top).
        self.parents: list[_ItemBlock | None] = []
        #: For each open list, its `li` open now (None between items).
        self.open: list[_ItemBlock | None] = []
        self.groups = 0
        self.item: _ItemBlock | None = None
        #: The open elements that are a page's chrome (CHROME), each with how many
        #: elements of its own name are open inside it.
        self.chrome: list[list[Any]] = []
        #: Lists open inside the chrome (read as nothing), and their items counted.
        self.menus = 0
        self.menu_items = 0
        #: The text of the chrome's list item open now: a copyright notice is kept.
        self.chrome_item: list[str] | None = None
        self.tables = 0
        #: Table cells open: their text is never a heading.
        self.cells = 0

    # Text gathering

    def _flush(self) -> None:
        raw = "".join(self.text)
        self.text = []
        if self.item is not None:
            self.item.more.append(raw)
            return
        if not raw.strip():
            return
        if self.heading is not None:
            self.blocks.append(_Heading(as_shown(raw), explicit=True))
            return
        blocks = _plain_blocks(raw)
        if self.cells:  # a table cell's short text ("Sweden") is no heading
            blocks = [_Para(b.text) if isinstance(b, _Heading) else b for b in blocks]
        self.blocks.extend(blocks)

    def _is_note(self, values: dict[str, str | None]) -> bool:
        ident = values.get("id") or ""
        return (
            values.get("role") in self.NOTE_ROLES
            or not self.NOTE_NAMES.isdisjoint(_words(ident, values.get("class")))
            or self.NOTE_ID.fullmatch(ident.strip()) is not None
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.note is not None:
            self.note[1] += tag == self.note[0]
            if tag in ("li", "p") and self.note[2]:  # each note of a list of notes
                self.notes += not self.note[3]
                self.note[3] = False
            return
        if tag not in ("html", "body", "head", "title") and self._is_note(values):
            # A reference to a note (`<a class="footnote-ref">1</a>`) is its mark: left out,
            # not counted as a note.
            mark = (
                not {"ref", "reference", "noteref"}.isdisjoint(
                    _words(values.get("id"), values.get("class"))
                )
                or values.get("role") == "doc-noteref"
            )
            if tag not in _VOID:
                # [tag, depth, holds notes of its own (a list or section of them), first]
                self.note = [tag, 1, tag not in ("li", "p") and not mark, True]
            self.notes += not mark
            return
        if tag == "sup" and self.item is not None and not self.skip:
            self.sup = []
            return
        if tag == "html" and values.get("lang"):
            self.language = values["lang"]
        if tag == "title":
            self.in_title = True
            return
        if self.chrome and self.chrome[-1][0] == tag:
            self.chrome[-1][1] += 1
        elif (
            tag in self.CHROME
            or values.get("role") in self.CHROME_ROLES
            or not self.CHROME_NAMES.isdisjoint(_words(values.get("id"), values.get("class")))
        ):
            self.chrome.append([tag, 1])
        if self.chrome and tag in ("ul", "ol", "menu"):
            self.menus += 1
            self.skip += 1
            return
        if self.menus and tag == "li":
            self.menu_items += 1
            self.chrome_item = []
        if tag in self.SKIP and tag != "head":
            self.skip += 1
            return
        if self.skip:
            return
        if tag in ("table", "dl"):
            self.tables += 1
        elif tag in ("td", "th"):
            if self.item is None:
                self._flush()  # what came before the cell is not the cell's
            self.cells += 1
        if tag == "br":  # in an item, a line of its own (_ItemBlock.finish)
            self.text.append(_BR if self.item is not None else "\n")
        elif tag in self.HEADINGS:
            self._flush()
            self.heading = tag
        elif tag in ("ol", "ul"):
            # A list inside an item: the item stays open (text after the inner list is
            # still its own), and the inner list's items are its children.
            self._flush()
            self.groups += 1
            start = values.get("start")
            first = int(start) if start and start.strip().lstrip("-").isdigit() else 1
            self.lists.append([tag == "ol", first, self.groups])
            self.parents.append(self.item)
            self.open.append(None)
            self.item = None
        elif tag == "li":
            self._end_item()
            self._flush()
            numbered, number, group = self.lists[-1] if self.lists else (False, 1, 0)
            value = values.get("value")
            if value and value.strip().isdigit():
                number = int(value)
            parent = self.parents[-1] if self.parents else None
            self.item = _ItemBlock(int(number) if numbered else None, "", int(group), [], parent)
            self.blocks.append(self.item)
            if self.lists:
                self.lists[-1][1] = int(number) + 1
                self.open[-1] = self.item
        elif tag in self.BREAK:
            if self.item is None:
                self._flush()
            else:
                self.text.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr"):
            self.handle_endtag(tag)

    def _end_item(self) -> None:
        """End the `li` open in the innermost list; text then belongs to the item that
        holds that list, if any."""
        if self.item is not None:
            self._flush()
        current = self.open[-1] if self.open else self.item
        if current is not None:
            current.finish()
        if self.open:
            self.open[-1] = None
            self.item = self.parents[-1]
        else:
            self.item = None

    def handle_endtag(self, tag: str) -> None:
        if self.note is not None:
            self.note[1] -= tag == self.note[0]
            if not self.note[1]:
                self.note = None
            return
        if tag == "sup" and self.sup is not None:
            mark = "".join(self.sup)
            self.sup = None
            if self.NOTE_MARK.fullmatch(mark.strip()) is None:
                self.text.append(mark)  # a superscript of the name's own (1st, m²)
            return
        if tag == "title":
            self.in_title = False
            self.title = as_shown("".join(self.title_text)) or None
            return
        if self.chrome and self.chrome[-1][0] == tag:
            self.chrome[-1][1] -= 1
            if not self.chrome[-1][1]:
                self.chrome.pop()
        if tag in ("li", "ul", "ol", "menu") and self.chrome_item is not None:
            text = as_shown("".join(self.chrome_item))
            self.chrome_item = None
            if is_notice(text):  # a footer's "© 2020 ...": the page's years
                self.blocks.append(_Para(text))
        if self.menus and tag in ("ul", "ol", "menu"):
            self.menus -= 1
            self.skip = max(0, self.skip - 1)
            return
        if tag in self.SKIP and tag != "head":
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cells:
            if self.item is None:
                self._flush()
            self.cells -= 1
        if tag in self.HEADINGS and self.heading is not None:
            self._flush()
            self.heading = None
        elif tag == "li":
            self._end_item()
        elif tag in ("ol", "ul"):
            self._end_item()
            if self.lists:
                self.lists.pop()
                self.item = self.parents.pop()
                self.open.pop()
        elif tag in self.BREAK and self.item is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_text.append(data)
        elif self.note is not None:
            return
        elif self.sup is not None:
            self.sup.append(data)
        elif not self.skip:
            self.text.append(data)
        elif self.chrome_item is not None:
            self.chrome_item.append(data)

    def close(self) -> None:
        last = self.rawdata.rfind("<")
        if last >= 0 and _CUT_TAG.match(self.rawdata, last):
            # A page cut inside a tag (`<li>Left Party (Sweden)</ul`): the half tag is
            # markup, not the item's text (the parser would give it as text).
            self.rawdata = self.rawdata[:last]
        super().close()
        while self.lists:  # lists left open at the end of the page
            self._end_item()
            self.lists.pop()
            self.item = self.parents.pop()
            self.open.pop()
        self._end_item()
        self._flush()


def _is_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(html|body|head|p|div|ol|ul|h[1-6])[\s>]", head)
    )


def read_page(text: str, html: bool | None = None) -> Page:
    """The parts of a page given as text; `html` None means: decide from the text itself.

    Never raises on odd input: what is not understood is kept as paragraphs.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    as_html = _is_html(text) if html is None else html
    title: str | None = None
    language: str | None = None
    if as_html:
        reader = _HTMLReader()
        reader.feed(text)
        reader.close()
        blocks = reader.blocks
        title, language = reader.title, reader.language
        page = _assemble(blocks, title, language, as_html)
        page = dataclasses.replace(
            page, tables=reader.tables, menu_items=reader.menu_items, footnotes=reader.notes
        )
    else:
        page = _assemble(_plain_blocks(text), title, language, as_html)
    return _without_site_links(page)


def _words(*values: str | None) -> set[str]:
    """The words of an element's id and class, in lower case (`main-menu` is main, menu)."""
    return {w for v in values if v for w in re.split(r"[^a-z0-9]+", v.casefold()) if w}


#: An item that is a way to reach the party, not a partner: a phone, fax or e-mail line,
#: an address of mail or of the web alone.
_CONTACT_ITEM = re.compile(
    r"^(?:(?:phone|tel(?:ephone)?|fax|e-?mail|mail|telefon|téléphone|телефон|факс)\b"
    r"|\S+@\S+\.\w+$|(?:https?://|www\.)\S+$|\+?[\d\s()./-]{7,}$)",
    re.IGNORECASE,
)
#: Social networks, whose names a site lists as links to its own accounts there.
_SOCIAL = frozenset(
    {
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        "telegram",
        "vk",
        "vkontakte",
        "linkedin",
        "tiktok",
        "flickr",
        "whatsapp",
        "mastodon",
        "bluesky",
        "threads",
        "rss",
        "odnoklassniki",
    }
)


def is_site_link(text: str) -> bool:
    """Whether a list item's text is one of the site's own contact lines (a label such as
    "Телефон", an address, a number, a link: _CONTACT_ITEM), a social network's name
    (_SOCIAL) or its copyright notice (is_notice), or has no letter at all (`---`, `1234`),
    not a partner."""
    return (
        _CONTACT_ITEM.match(text) is not None
        or text.casefold() in _SOCIAL
        or is_notice(text)
        or not any(ch.isalpha() for ch in text)
    )


def is_notice(text: str) -> bool:
    """Whether a line or list item is a copyright notice ("© 2020 Example Party",
    "(c) 2018", "Copyright 2006-2018"): never a partner, and where a draft reads the page's
    years (build._copyright)."""
    return _NOTICE_ITEM.match(text) is not None


def _without_site_links(page: Page) -> Page:
    """The page without the items that are the site's own contact lines and social
    network links (is_site_link), and the items nested in them (a "Телефон" item's
    numbers), counted with its menus' items; a list left with none is left out."""
    lists: list[PageList] = []
    dropped = 0
    notices: list[str] = []  # read as the paragraphs they are
    for page_list in page.lists:
        kept: dict[int, int] = {}  # an item's index in the list: in the kept ones
        for n, i in enumerate(page_list.items):  # a parent comes before what it holds
            gone = i.parent is not None and i.parent not in kept
            if not gone and not is_site_link(i.text):
                kept[n] = len(kept)
            elif not gone and is_notice(i.text):
                notices.append(i.text)
        dropped += len(page_list.items) - len(kept)
        if kept:  # nested items point at their parent by index: the kept ones', anew
            items = tuple(
                dataclasses.replace(item, parent=kept[item.parent])
                if (item := page_list.items[n]).parent is not None
                else item
                for n in kept
            )
            lists.append(dataclasses.replace(page_list, index=len(lists) + 1, items=items))
    if not dropped:
        return page
    return dataclasses.replace(
        page,
        lists=tuple(lists),
        paragraphs=page.paragraphs + tuple(notices),
        menu_items=page.menu_items + dropped,
    )


def _assemble(blocks: list[_Block], title: str | None, language: str | None, as_html: bool) -> Page:
    first_para = next((i for i, b in enumerate(blocks) if isinstance(b, _Para)), len(blocks))
    lead = [
        i
        for i, b in enumerate(blocks[:first_para])
        if isinstance(b, _Heading) and not _NOTICE_LINE.match(b.text)
    ]
    title_at: int | None = None
    if title is None and lead:
        explicit = [i for i in lead if getattr(blocks[i], "explicit", False)]
        title_at = explicit[0] if explicit else max(lead, key=lambda i: len(blocks[i].text))
        title = blocks[title_at].text
    elif title is not None:
        # An h1 that repeats the title is the title, not a heading of its own.
        title_at = next(
            (i for i in lead if as_shown(blocks[i].text).casefold() == title.casefold()),
            None,
        )
    paragraphs: list[str] = []
    headings: list[str] = []
    lists: list[PageList] = []
    current: list[Item] = []
    numbered = False
    last_number = 0
    group: int | None = None
    heading: str | None = None
    intro: int | None = None
    before: _Block | None = None  # the block before the current list

    #: Where each item block went in `current` (by identity), the nested items counted
    #: by their parent's index there, and the outer list's own items.
    placed: dict[int, int] = {}
    children: dict[int, int] = {}
    outer = 0

    def close_list() -> None:
        nonlocal current, outer
        if current:
            lists.append(PageList(len(lists) + 1, heading, intro, numbered, tuple(current)))
        current = []
        placed.clear()
        children.clear()
        outer = 0

    for index, block in enumerate(blocks):
        if index == title_at:
            continue
        if isinstance(block, _ItemBlock) and block.parent is not None:
            # An item of a list nested in an item: the outer list goes on around it. (In
            # an item without text of its own, it takes the item's place instead.)
            at = placed.get(id(block.parent))
            if at is None:
                block.group, block.parent = block.parent.group, None
        if isinstance(block, _ItemBlock) and block.parent is not None:
            at = placed.get(id(block.parent))
            if at is not None and block.text:
                count = children.get(at, 0) + 1
                children[at] = count
                number = block.number if block.number is not None else count
                placed[id(block)] = len(current)
                current.append(Item(number, block.text, at))
            continue
        if isinstance(block, _ItemBlock):
            kind_numbered = block.number is not None
            restart = current and (
                kind_numbered != numbered
                or (block.group is not None and block.group != group)
                or (kind_numbered and block.number is not None and block.number <= last_number)
            )
            if restart:
                close_list()
            if not current:
                numbered, group = kind_numbered, block.group
                heading = before.text if isinstance(before, _Heading) else None
                intro = (
                    len(paragraphs)
                    if isinstance(before, _Para) and before.text.rstrip().endswith((":", "："))
                    else None
                )
            position = block.number if block.number is not None else outer + 1
            last_number = position
            if block.text:
                outer += 1
                placed[id(block)] = len(current)
                current.append(Item(position, block.text))
            continue
        close_list()
        before = block
        if isinstance(block, _Heading):
            headings.append(block.text)
        else:
            paragraphs.append(block.text)
    close_list()
    return Page(title, tuple(paragraphs), tuple(lists), tuple(headings), language, as_html)
