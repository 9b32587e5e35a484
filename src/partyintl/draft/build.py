"""From a page to draft records: what `partyintl draft` knows before it writes a data file.

Schema-free: draft/datafile.py is the one module that turns a Draft into the data file's
form. Here: the page's parts (page.py), each list item's bodies (names.py) and their
proposed types (types.py), the paragraphs that mention each body, the party the page is
about, and the page's dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data import countries
from ..data.countries import fold
from ..data.rules import language_tag
from ..errors import UsageError
from ..link.variants import normalise
from .names import Body, Place, read_item
from .page import NOTICE as _NOTICE
from .page import Page, PageList
from .types import Proposal, propose_type

__all__ = ["Draft", "DraftList", "DraftRecord", "PageInfo", "build_draft", "slug"]

#: A copyright line's years: "© 2006-2018", "(c) 2018", "Copyright 2006–2018".
_COPYRIGHT = re.compile(
    _NOTICE + r"\s*(\d{4})(?:\s*[-–—]\s*(\d{4}|\d{2})(?!\d))?((?:\s*,\s*\d{4}(?!\d))*)",
    re.IGNORECASE,
)


def slug(text: str) -> str:
    """A readable id from a name: ASCII letters and digits in dash-separated words
    ("Jean-Jaurès Foundation" -> "jean-jaures-foundation"). Other scripts are spelled in
    Latin letters by anyascii ("Справедливая Россия" -> "spravedlivaya-rossiya"), each
    character of a script written without spaces (Chinese, Japanese, Korean) a word of its
    own ("中国共产党" -> "zhong-guo-gong-chan-dang"). Letters that have no Latin spelling
    (the Hebrew alef, "א") are named by their code points ("u05d0"); "x" is the id of a
    name with no letter or digit in any script ("★")."""
    latin = _latin(text) if not text.isascii() else text
    words = re.findall(r"[a-z0-9]+", fold(latin).replace("&", " and "))
    if not words:
        words = [f"u{ord(char):04x}" for char in text if char.isalnum()]
    return "-".join(words)[:60].strip("-") or "x"


def _latin(text: str) -> str:
    """Text in Latin letters: compatibility forms first (full-width "ＡＢＣ" is "ABC"), then
    anyascii's spelling of each other character, wide ones (East Asian scripts) apart."""
    import unicodedata

    from anyascii import anyascii

    spelled = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isascii():
            spelled.append(char)
            continue
        # A letter anyascii spells with an apostrophe (Armenian ու, Arabic ع) is part of a
        # word; punctuation (the typographic apostrophe of "People’s") still parts words.
        latin = anyascii(char)
        if char.isalpha():
            latin = latin.translate(_MARKS_IN_WORDS)
        spelled.append(f" {latin} " if unicodedata.east_asian_width(char) in "WF" else latin)
    return "".join(spelled)


#: What anyascii writes for letters that are marks within a word: ' and `.
_MARKS_IN_WORDS = str.maketrans("", "", "'`")


@dataclass(frozen=True)
class PageInfo:
    """What the user says about the page, and what the page says of itself."""

    file: str | None = None
    url: str | None = None
    retrieved: str | None = None
    published: str | None = None
    language: str | None = None
    party: str | None = None


@dataclass
class DraftList:
    """A list of the page, with the id its items cite."""

    id: str
    index: int
    heading: str | None
    intro: int | None
    #: For a list nested in an item of another: (that list's id, the item's position).
    nested_in: tuple[str, int] | None = None


@dataclass
class DraftRecord:
    """A body a list item names, as a draft proposes it."""

    id: str
    name: str
    source_list: DraftList
    position: int
    printed: str
    type: Proposal
    place: Place | None
    other_names: list[tuple[str, str]]
    notes: list[str]
    part_of: str | None
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Draft:
    """Everything a draft data file holds."""

    title: str | None
    party_name: str
    party_id: str
    #: Why the party's name is taken as it is (None when the user gave it).
    party_reason: str | None
    party_paragraphs: list[int]
    paragraphs: tuple[str, ...]
    lists: list[DraftList]
    records: list[DraftRecord]
    info: PageInfo
    copyright: str | None
    html: bool
    #: The page's declared language as a tag (data.rules.language_tag), None for none.
    declared_language: str | None
    #: ... and as the page writes it (`EN`, `x-klingon`).
    written_language: str | None = None


def _flag(dest: str) -> str:
    """An option of `draft` by name, as the command line spells it."""
    from ..cli.spec import flag

    return flag(dest, "draft")


def _copyright(page: Page) -> str | None:
    """The years of the page's last copyright line, "first-last" or "year", in the digits
    of any script: a range's end of two digits in the first year's century ("2013–18"),
    or the next one's when the start is a few years before it ("1995–00"), years listed after
    it the last ("1999-2013, 2018": 1999-2018)."""
    for text in reversed((*page.paragraphs, *page.headings)):
        found = _COPYRIGHT.search(text)
        if found:
            # Years in any script's digits (٢٠١٩, ２０１９) as ASCII ones: 2019.
            first, last = (str(int(y)).zfill(len(y)) if y else y for y in found.group(1, 2))
            more = found.group(3)
            if last and len(last) == 2:  # in the first year's century, or the next one's
                last = first[:2] + last  # ("1995–00" ends in 2000)
                later = str(int(first[:2]) + 1) + last[2:]
                if last < first and int(later) - int(first) <= 20:
                    last = later  # not "2018–13", which ends before it starts
            listed = [str(int(y)) for y in re.findall(r"\d{4}", more or "")]
            if listed:
                last = max([last or first, *listed])
            return f"{first}-{last}" if last and last != first else first
    return None


#: Where a page title stops naming its subject: a copyright notice (©, (c), Copyright).
_TITLE_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)|\bcopyright\b)", re.IGNORECASE)  # a word
#: A copyright notice at the start of a title, with its years.
_NOTICE_FIRST = re.compile(
    r"^\s*(?:" + _NOTICE + r"\s*)+(?:\d{4}(?:\s*[-–—]\s*\d{4})?)?\s*", re.IGNORECASE
)
#: What separates a title's parts ("International relations | Green Party", "SPD – Home",
#: "Die Linke: Internationales").
_TITLE_PARTS = re.compile(r"\s+(?:[|•·–—-]|::)\s+|(?<=\S):\s+|\s*\|\s*$|^\s*\|\s*")
#: A part of a title that is an owner's: "The X Party's international relations".
_POSSESSIVE = re.compile(r"^(.*?\S)['’]s\s+\S")
#: A bracket at the end of a name: its abbreviation ("X Party (XP)").
_LAST_BRACKET = re.compile(r"\s*\([^()]*\)$")
#: Words that name a party in a few languages: a title's part with one names the party.
_PARTY_WORD = re.compile(
    r"\b(?:party|parti|partisi|partai|đảng|partei|partido|partito|partij|partia|partiet|"
    r"strana|stranka|puolue|párt|партия|κόμμα|حزب|מפלגה|מפלגת)\b|[党黨]|पार्टी",
    re.IGNORECASE,
)
#: A title's part made only of words that name a section of a site, not a party
#: ("International relations", "Relations internationales", "العلاقات الدولية", "News").
_SECTION = re.compile(
    r"^(?:(?:the|of|and|&|our|der|des|du|de|del|della|di|von|του|της|των|"
    r"international|internationale?s?|internacional(?:es)?|"
    r"internazional[ei]|relations?|relaciones|relazioni|beziehungen|activit(?:y|ies)|"
    r"cooperation|coopération|cooperación|partners?|partenaires|news|home(?:\s*page)?|"
    r"about(?:\s+us)?|contacts?|foreign|affairs|department|welcome|main\s+page|index|"
    r"startseite|hauptseite|willkommen|accueil|bienvenue|inicio|início|bienvenido|portada|"
    r"hem|forside|etusivu|startpagina|anasayfa|ana\s+sayfa|головна|начало|"
    r"pagina\s+principale|benvenuti|strona\s+główna|domů|главная|добро\s+пожаловать|"
    r"новости|κεντρική|αρχική|ειδήσεις|международн\w*|связи|деятельность|"
    r"партии|партії|партыі|partii|partei|κόμματος|партией|сотрудничество|с|"
    r"kontakte?|relações|internacionais|do|da|rapporti|internazionali|les|"
    r"zahraniční|mezinárodní|vztahy|strany|"
    r"міжнародн\w*|зв['’]язки|співпраця|сувязі|διεθν\w*|σχέσεις|συνεργασία|"
    r"stosunki|międzynarodow\w*|współpraca|"
    r"uluslararası|ilişkiler|dış|קשרים|יחסים|בינלאומיים|חוץ|hubungan|internasional|luar|"
    r"negeri|quan|hệ|quốc|tế|đối|ngoại|अंतरराष्ट्रीय|अंतर्राष्ट्रीय|संबंध|विदेश|"
    r"العلاقات|الدولية|الرئيسية|国际|关系|首页)[\s,!]*)+$",
    re.IGNORECASE,
)


def _party_name(page: Page, given: str | None) -> tuple[str, str | None]:
    """The party's name and, when read off the title, why.

    The title is cut at a copyright notice and into its parts at separators (a site's
    name, a section's); each part gives itself, what follows its last "of" ("International
    activities of X Party"), and both without a final "Party". The form the paragraphs use
    most wins (a shorter form counted only where it stands alone, not inside a longer
    one), then the form with a word for party, then one that is not a site's section
    ("International relations"), then the first."""
    if given:
        return given.strip(), None
    title = page.title or ""
    named = _TITLE_COPYRIGHT.split(title, maxsplit=1)[0].strip() if title else ""
    if title and not named:  # the notice comes first: "© 2020 Green Party. All rights..."
        named = re.split(r"\.\s|,\s", _NOTICE_FIRST.sub("", title), maxsplit=1)[0].strip()
    forms: list[str] = []
    for part in _TITLE_PARTS.split(named):
        part = part.strip(" |")
        owner = _POSSESSIVE.match(part)  # "The X Party's international relations"
        if owner:
            part = re.sub(r"^[Tt]he\s+", "", owner.group(1))
        if not part:
            continue
        for form in (*_owned(part), part):  # "X Party" before "Activities of X Party"
            unbracketed = _LAST_BRACKET.sub("", form)  # "X Party (XP)": its abbreviation
            for kept in (unbracketed, form):
                bare = re.sub(r"\s+(Party|party)$", "", kept)
                forms += [f for f in (kept, bare) if f and f not in forms]
    body = "\n".join(page.paragraphs)
    if not any(_names_a_party(f) for f in forms):  # "Home", "Partners", "Germany"
        listed = [item.text for page_list in page.lists for item in page_list.items]
        found = _named_in_paragraphs(page.paragraphs, listed)
        said = f"the title '{title}' names no party" if title else "the page has no title"
        if found is None:
            raise UsageError(
                f"{said}, and its first paragraphs name none: give {_flag('party')} NAME "
                "(the party the page is about)."
            )
        return found, (
            f"read from its paragraphs, as {said}; give {_flag('party')} to name it yourself"
        )

    def uses(form: str) -> int:  # where it stands alone, not inside a longer form
        longer = [f for f in forms if form in f and f != form]
        return sum(
            1
            for m in re.finditer(re.escape(form), body)
            if not any(body.startswith(f, m.start() - f.index(form)) for f in longer)
        )

    # A name in quotation marks («Справедливая Россия», „Die Linke“) is the name inside.
    forms = list(dict.fromkeys(f.strip(_QUOTES).strip() or f for f in forms))
    counts = {f: uses(f) for f in forms}
    best = max(
        forms,
        key=lambda f: (
            counts[f],
            not _section_lead(f),  # "Internationale Beziehungen der Partei X" is X's title
            _PARTY_WORD.search(f) is not None,
            _SECTION.match(f) is None,
            countries.lookup(f) is None,
            -forms.index(f),
        ),
    )
    used = "as the name its paragraphs use" if counts[best] else "(its paragraphs do not name it)"
    return best, (
        f"read from the page's title (or, lacking one, its first heading) '{title}' {used}; "
        f"give {_flag('party')} to name it yourself"
    )


#: Quotation marks around a name in a title, of every convention.
_QUOTES = "«»‹›„“”‟\"'‚‘’「」『』"

#: The Arabic particle "for, of" (ل) joined to the word that follows it: a word for party
#: or movement (حزب party, حركة movement, تيار current, جبهة front, اتحاد union, منظمة
#: organisation, تجمع rally) or the article ال, which it shortens to لل ("للحزب").
_ARABIC_FOR = re.compile(
    "^\u0644(?:(?=حزب|حركة|تيار|جبهة|اتحاد|منظمة|تجمع|\u0627\u0644)|\u0644(?=\\S))"
)
#: What follows a party's name in a Chinese title without a space: the words of a site's
#: section ("中国共产党对外联络": the CPC's external liaison).
_CJK_SECTION_AFTER = re.compile(
    r"(?<=[党黨])(?:对外|對外|联络|聯絡|交流|国际|國際|关系|關係|合作|工作|部|首页|首頁)+$"
)

#: Where an owner follows a title's words: "Partners of the S.D.P. of Germany".
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _owned(part: str) -> list[str]:
    """What follows an "of" that only words of a site's section come before: "Partners of
    the S.D.P. of Germany" is the S.D.P. of Germany's (not Germany's), "International
    Department of the Communist Party of China" the Communist Party of China's; and what
    follows two or more such words directly, as languages without an "of" there put it
    ("Международные связи КПРФ" is the KPRF's)."""
    found = [
        part[m.end() :].strip()
        for m in _OF.finditer(part)
        if _SECTION.match(part[: m.start()]) and part[m.end() :].strip()
    ]
    words = part.split()
    for n in range(len(words) - 1, 1, -1):  # the longest run of a section's words first
        if _SECTION.match(" ".join(words[:n])):
            # Arabic writes "for" (ل) on the word after it: "...الدولية لحزب العمال",
            # "...لحركة فتح", "...للحزب" (for the party).
            rest = _ARABIC_FOR.sub(
                lambda m: "\u0627\u0644" if len(m.group()) == 2 else "", " ".join(words[n:])
            )
            if rest not in found:
                found.append(rest)
            break
    cut = _CJK_SECTION_AFTER.search(part)  # "中国共产党对外联络" is 中国共产党's
    if cut is not None and part[: cut.start()] not in found:
        found.append(part[: cut.start()])
    return found


def _section_lead(form: str) -> bool:
    """Whether a form begins with two or more words of a site's section, and goes on."""
    words = form.split()
    return any(_SECTION.match(" ".join(words[:n])) for n in range(2, len(words)))


def _names_a_party(form: str) -> bool:
    """Whether a form read from a title could be a party's name: neither words of a site's
    section ("Home", "International relations") nor a country ("Germany")."""
    return _SECTION.match(form) is None and countries.lookup(form) is None


#: Capital letters of the Latin, Greek and Cyrillic scripts, as a character class's inside.
_CAPITALS = "A-ZÀ-ÖØ-ÞΆ-ΏΑ-ΩЀ-Я"
#: A party named in running text: capitalised words around a word for party ("The
#: Progressive Workers Party", "Partido Socialista Obrero Español", "Labour Party of
#: Malta", "Коммунистическая партия Российской Федерации", "Κομμουνιστικό Κόμμα
#: Ελλάδας"), up to eight words; after a word for party, one word in lower case when a
#: bracket or a stop follows it ("Parti socialiste (PS)").
_NAMED_PARTY = re.compile(
    rf"(?<![\w'’])(?:[{_CAPITALS}][\w'’.&-]*\s+){{0,6}}"
    r"(?:Party|Partido|Partito|Partiet|Partij|Partia|Partei|Partisi|Parti|[Пп]арт[иі]я|"
    r"[Κκ][όο]μμα)\b"
    r"(?:\s+[a-zà-ÿ][\w'’-]*(?=\s*[(,.;:]))?"
    r"(?:(?:\s+(?:of|for|de|del|des|der|di|do|da|dos|das|du|la|los|the|für|van|von))*"
    rf"\s+[{_CAPITALS}][\w'’.&-]*){{0,6}}"
)
#: An article just before a name in running text ("... the website of the").
_ARTICLE_AT_END = re.compile(r"(?:The|the|Die|die|Le|le|La|la|El|el|Το|το|Ο|Η)\s+$")
#: Articles a name in running text begins with ("The", "Die", "Le", "La", "El", "Το").
_ARTICLE = re.compile(r"^(?:The|THE|Die|Der|Das|Le|La|Les|El|Los|Il|Lo|De|Het|O|Το|Ο|Η)\s+")


#: Where a page's own party is named in its text: at the start of a paragraph (its
#: subject, "The X Party works with ...") or as the site's owner ("the website of X").
_OWN_PLACE = re.compile(r"^\W*$|(?:web\s*site|site|page|homepage)\s+of\s+(?:the\s+)?$", re.I)


def _named_in_paragraphs(paragraphs: tuple[str, ...], listed: list[str]) -> str | None:
    """The party a page's own words name first, for a page whose title names none: the
    first capitalised name with a word for party (a leading article dropped, a possessive
    's too) that opens one of its first three paragraphs or follows "the website of",
    and that none of its list items (`listed`, its partners) holds; None when they name
    none (a partner named mid-sentence, "we welcomed the X Party", is not taken)."""
    for text in paragraphs[:3]:
        for m in _NAMED_PARTY.finditer(text):
            before = _ARTICLE_AT_END.sub("", text[: m.start()])
            if not _OWN_PLACE.search(before):
                continue
            name = _ARTICLE.sub("", m.group(0).strip())
            name = re.sub(r"['’]s$|(?<=\w\w)\.$", "", name)  # "X Party's", "the Left."
            if " " in name and not any(name in item for item in listed):  # "Party" alone
                return name
    return None


class _Mentions:
    """Where a page's paragraphs name a body, found from an index of their words built once
    per page: looking each body up in every paragraph took minutes for a page of 50,000
    items and 2,000 paragraphs (the time grew with items times paragraphs)."""

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self.texts = paragraphs
        #: Each paragraph's words in the normal form of link/variants.py.
        self.words = [normalise(text).split(" ") for text in paragraphs]
        #: Where each normal word stands: (paragraph number from 1, place in it).
        self.at: dict[str, list[tuple[int, int]]] = {}
        for number, words in enumerate(self.words, 1):
            for place, word in enumerate(words):
                self.at.setdefault(word, []).append((number, place))
        #: The paragraphs each word, as printed, stands in.
        self.printed: dict[str, set[int]] = {}
        for number, text in enumerate(paragraphs, 1):
            for token in re.findall(r"\w+", text):
                self.printed.setdefault(token, set()).add(number)

    def of(self, names: list[str], abbreviations: list[str]) -> list[int]:
        """The paragraphs (numbers from 1) that name a body: one of its names (of more than
        three characters), compared in the normal form, or one of its abbreviations as a
        word, as printed."""
        found: set[int] = set()
        for name in names:
            form = normalise(name) if len(name) > 3 else ""
            if not form:
                continue
            parts = form.split(" ")
            # Looked up by its rarest word ("Party" stands in every paragraph of a page).
            rarest = min(range(len(parts)), key=lambda k: len(self.at.get(parts[k], ())))
            for number, place in self.at.get(parts[rarest], ()):
                start = place - rarest
                if start >= 0 and self.words[number - 1][start : start + len(parts)] == parts:
                    found.add(number)
        for short in abbreviations:
            if re.fullmatch(r"\w+", short):
                found |= self.printed.get(short, set())
            else:  # a word's characters and others ("PS-PPE"): each paragraph read
                pattern = re.compile(rf"(?<!\w){re.escape(short)}(?!\w)")
                found |= {n for n, text in enumerate(self.texts, 1) if pattern.search(text)}
        return sorted(found)


def _list_id(page_list: PageList, used: set[str]) -> str:
    base = slug(page_list.heading) if page_list.heading else f"list-{page_list.index}"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


#: The longest id of a list nested in an item: an id says the path of positions down to
#: it ("partners-3-2") until it would pass this; ids have at most MAX_ID_LENGTH characters.
NESTED_ID_LENGTH = 80


def _nested_id(owner: str, position: int, top: str, count: int) -> str:
    """The id of the list nested in item `position` of list `owner`: `owner-position`, or,
    deeper than NESTED_ID_LENGTH allows, the top list's id and the nested list's number
    (`partners-nested-97`); the list's place is kept in its `within` either way."""
    ident = f"{owner}-{position}"
    return ident if len(ident) <= NESTED_ID_LENGTH else f"{top}-nested-{count + 1}"


def _unique(base: str, used: set[str], suffixes: dict[str, int]) -> str:
    """`base`, or `base-2`, `base-3`... the first not in `used` (added to it); `suffixes`
    keeps the next number to try for each base, so that a page naming one body many times
    is not quadratic."""
    ident, n = base, suffixes.get(base, 2)
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    suffixes[base] = n
    used.add(ident)
    return ident


def build_draft(page: Page, info: PageInfo) -> Draft:
    """The draft of a page: its party, lists and listed bodies, with provenance."""
    party_name, party_reason = _party_name(page, info.party)
    party_id = slug(party_name)
    used_ids = {party_id}
    suffixes: dict[str, int] = {}
    used_lists: set[str] = set()
    lists: list[DraftList] = []
    records: list[DraftRecord] = []
    mentions = _Mentions(page.paragraphs)
    for page_list in page.lists:
        draft_list = DraftList(
            _list_id(page_list, used_lists), page_list.index, page_list.heading, page_list.intro
        )
        lists.append(draft_list)
        #: The first body of each item by its index, and the lists nested in items.
        firsts: dict[int, str] = {}
        nested: dict[int, DraftList] = {}
        for at, item in enumerate(page_list.items):
            in_list, parent_id = draft_list, None
            if item.parent is not None:
                holder = page_list.items[item.parent]
                if item.parent not in nested:
                    owner = nested[holder.parent] if holder.parent is not None else draft_list
                    sub = DraftList(
                        _unique(
                            _nested_id(owner.id, holder.position, draft_list.id, len(nested)),
                            used_lists,
                            {},
                        ),
                        page_list.index,
                        None,
                        None,
                        (owner.id, holder.position),
                    )
                    nested[item.parent] = sub
                    lists.append(sub)
                in_list, parent_id = nested[item.parent], firsts.get(item.parent)
            bodies: list[Body] = read_item(item.text, info.language or language_tag(page.language))
            ids: list[str] = []
            for body in bodies:
                ident = _unique(slug(body.name), used_ids, suffixes)
                ids.append(ident)
                transnational = body.place is not None and body.place.region is not None
                proposal = propose_type(body.name, page_list.heading, transnational)
                abbreviations = [n for n, _ in body.other_names]
                records.append(
                    DraftRecord(
                        id=ident,
                        name=body.name,
                        source_list=in_list,
                        position=item.position,
                        printed=item.text,
                        type=proposal,
                        place=body.place,
                        other_names=body.other_names,
                        notes=body.notes,
                        part_of=ids[body.part_of] if body.part_of is not None else parent_id,
                        paragraphs=mentions.of([body.name], abbreviations),
                    )
                )
                if body.part_of is not None:
                    records[-1].notes.append(
                        "The list item names two bodies, this one and the one it belongs "
                        f"to; both carry position {item.position}."
                    )
                elif parent_id is not None and in_list.nested_in is not None:
                    owner_id, number = in_list.nested_in
                    records[-1].notes.append(
                        f"Listed in a list nested in item {number} of list {owner_id}: part_of "
                        "names that item's body; check that it belongs to it (a nested list may "
                        "only group items)."
                    )
            if ids:
                firsts[at] = ids[0]
    return Draft(
        title=page.title,
        party_name=party_name,
        party_id=party_id,
        party_reason=party_reason,
        party_paragraphs=mentions.of([party_name], []),
        paragraphs=page.paragraphs,
        lists=lists,
        records=records,
        info=info,
        copyright=_copyright(page),
        html=page.html,
        declared_language=language_tag(page.language),
        written_language=page.language,
    )
