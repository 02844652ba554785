"""Text clean-up shared by parsing, name matching and quote checks."""

import re
import unicodedata

MAX_COMMAND_CHARS = 2000

# Line ends a terminal or a renderer could act on: CR overprints, U+2028/9 and NEL break lines.
_LINE_ENDS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
# Control (Cc), format (Cf: bidi overrides and isolates, zero-width and tag characters, the
# soft hyphen…) and lone surrogates (Cs) are invisible or act on the display; none is text.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(the)\s+")
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def strip_controls(text: str, *, keep_lines: bool = False) -> str:
    """Drop control, bidi, zero-width and other invisible characters.

    Line breaks and tabs become spaces, or stay (as `\\n` and `\\t`) with `keep_lines`.
    """
    if text.isprintable():  # the common case: nothing invisible, no line breaks
        return text
    text = _LINE_ENDS.sub("\n", text)
    if not keep_lines:
        text = text.replace("\t", " ").replace("\n", " ")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _INVISIBLE)


def normalize_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name: 'The Kremlin!' -> 'kremlin'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    no_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", no_marks).strip()
    return _LEADING_ARTICLE.sub("", words)


def normalize_quote(text: str) -> str:
    """Whitespace and straight/curly quote insensitive form, for verbatim comparisons."""
    return " ".join(text.translate(_QUOTE_CHARS).split())


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 position', '3 positions' ('0 positions'); `plural` for the irregular ones."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
