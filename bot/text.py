"""Text clean-up shared by parsing, name matching and quote checks."""

import re
import unicodedata

MAX_COMMAND_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(the)\s+")
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def strip_controls(text: str) -> str:
    """Drop control and bidi-override characters; keep ordinary whitespace as spaces."""
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return _CONTROL.sub("", text)


def normalize_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: 'The Kremlin!' -> 'kremlin'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", no_marks).strip()
    return _LEADING_ARTICLE.sub("", words)


def normalize_quote(text: str) -> str:
    """Whitespace and straight/curly quote insensitive form, for verbatim comparisons."""
    return " ".join(text.translate(_QUOTE_CHARS).split())
