"""Text as the evidence lock compares it: hidden characters out, one form for look-alikes."""

import re
import unicodedata
from functools import lru_cache

from bot.text import strip_controls

# Every quotation mark and apostrophe, folded to one: a quote is the same words whatever
# marks surround or sit inside it ("Russia's" and "Russia’s" are one word).
QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「」『』＂＇〝〞〟❝❞❛❜`´"
_FOLD_MARKS = str.maketrans(dict.fromkeys(QUOTE_MARKS, "'"))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_MARKDOWN = re.compile(r"[*_~`]+")


def clean(text: str) -> tuple[str, bool]:
    """NFKC text without control and format characters, and whether any were there.

    Newlines and tabs are ordinary white space here; everything else in Cc/Cf/Cs (NUL, ESC,
    bidi controls, zero-width and tag characters) is removed and reported.
    """
    # NFKC spells an ellipsis "..."; the one character is kept, as quotes and drafts show it.
    parts = text.replace("\r\n", "\n").split("…")
    normal = "…".join(unicodedata.normalize("NFKC", part) for part in parts)
    visible = strip_controls(normal, keep_lines=True)
    return visible, visible != normal


def fold(text: str) -> str:
    """The form compared for "verbatim": case, marks, dashes, ellipses and spacing folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ELLIPSIS.sub("…", text.translate(_FOLD_MARKS).translate(_DASHES))
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The words of already folded text ("russia's", "30-day", "kursk")."""
    return _WORD.findall(text)


def unmarked(text: str) -> str:
    """Text without markdown emphasis marks (`*bold*`, `_it_`, `~x~`, backticks)."""
    return _MARKDOWN.sub("", text)


@lru_cache(maxsize=8192)
def whole(phrase: str) -> re.Pattern[str]:
    """`phrase` on whole words (compiled once: the checker runs per claim, per digest line)."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


@lru_cache(maxsize=64)
def any_of(phrases: frozenset[str]) -> re.Pattern[str]:
    """Any of `phrases` on whole words, the longest first where two start together."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
