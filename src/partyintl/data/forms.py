"""The forms some text values of a data file take, as regular expressions written once:
validation (rules.py) checks them and says what is wrong in words, and the JSON Schema
(models.py) carries the same expressions, so a schema validator refuses the same values.

Standard library only, and nothing compiled here: the fast paths import this for free.
"""

from __future__ import annotations

#: The characters no text of a data file may hold, as the inside of a character class:
#: C0 and C1 controls, lone surrogates and the BMP's noncharacters.
CONTROLS = r"\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"

#: The start of a web address, matched from the start of the text.
WEB_ADDRESS = r"https?://[^\s/]+"

#: The form of each identifier scheme's ids (matched in full), and how to say it.
IDENTIFIER_FORMS = {
    "partyfacts": (r"[1-9][0-9]*", "a positive whole number"),
    "manifesto": (r"[1-9][0-9]*", "a positive whole number"),
    "vparty": (r"[1-9][0-9]*", "a positive whole number"),
    "parlgov": (r"[1-9][0-9]*", "a positive whole number"),
    "wikidata": (r"Q[1-9][0-9]*", "Q followed by digits, e.g. Q49768"),
}

#: The contact types whose value is a phone number (the others are web addresses).
PHONE_TYPES = frozenset({"phone", "fax", "mobile"})

#: The most digits of a number in E.164 (after the +), and of an extension.
PHONE_DIGITS = 15
EXTENSION_DIGITS = 20
#: A phone number as a data file stores it: E.164 (at most PHONE_DIGITS digits after the
#: +), then an optional extension (RFC 3966's `;ext=`), matched in full.
PHONE_VALUE = rf"\+[1-9][0-9]{{1,{PHONE_DIGITS - 1}}}(;ext=[0-9]{{1,{EXTENSION_DIGITS}}})?"
