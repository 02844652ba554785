"""Quotations in a claim, found by every Unicode quotation mark.

A claim's quotations are its outermost quoted spans: “…”, "…", ‘…’, '…', «…», „…“, 「…」,
＂…＂, ‹…› and the rest. An apostrophe inside or at the end of a word is not a quotation
mark. An opening mark with no closing one, or a closing mark with no opening one, is
reported: an unbalanced quotation cannot be checked, so it cannot pass.
"""

from dataclasses import dataclass

# Opening mark → the marks that may close it.
_PAIRS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "‟": "”",
    '"': '"',
    "＂": "＂",
    "«": "»",
    "‹": "›",
    "「": "」",
    "『": "』",
    "〝": "〞〟",
    "❝": "❞",
    "‘": "’",
    "‚": "‘’",
    "❛": "❜",
    "'": "'",
}
_CLOSERS = frozenset("”»›」』〞〟❞❜")
_SINGLE = frozenset("'’‘")


@dataclass(frozen=True)
class Quoted:
    """One quotation: its words (without the marks) and where it stands in the claim."""

    text: str
    start: int  # index of the opening mark
    end: int  # index just past the closing mark


@dataclass(frozen=True)
class Marks:
    """The quotations found, and the marks left unbalanced (with their positions)."""

    quotes: tuple[Quoted, ...]
    unbalanced: tuple[tuple[int, str], ...]


def find_quotes(text: str) -> Marks:
    """Every outermost quotation in `text`, and every mark that could not be paired."""
    quotes: list[Quoted] = []
    unbalanced: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        mark = text[i]
        if mark in _PAIRS and _opens(text, i):
            close = _closing(text, i)
            if close is None:
                if not _is_apostrophe_like(text, i):
                    unbalanced.append((i, mark))
                i += 1
                continue
            quotes.append(Quoted(text=text[i + 1 : close], start=i, end=close + 1))
            i = close + 1
            continue
        if mark in _CLOSERS:
            unbalanced.append((i, mark))
        i += 1
    return Marks(quotes=tuple(quotes), unbalanced=tuple(unbalanced))


def masked(text: str, marks: Marks, *, placeholder: str = "QUOTE") -> str:
    """`text` with each quotation replaced by `placeholder` (what is said outside quotes)."""
    pieces, last = [], 0
    for quoted in marks.quotes:
        pieces += [text[last : quoted.start], placeholder]
        last = quoted.end
    pieces.append(text[last:])
    return "".join(pieces)


def _opens(text: str, i: int) -> bool:
    if text[i] not in _SINGLE and text[i] != '"':
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # A straight or single mark opens only before a word and not inside one ("Russia's").
    return not before.isalnum() and not after.isspace()


def _closing(text: str, i: int) -> int | None:
    opener, closers = text[i], _PAIRS[text[i]]
    depth = 0
    for j in range(i + 1, len(text)):
        ch = text[j]
        if ch in closers and _closes(text, j) and depth == 0:
            return j
        if ch == opener and opener not in closers and _opens(text, j):
            depth += 1
        elif ch in closers and depth:
            depth -= 1
    return None


def _closes(text: str, j: int) -> bool:
    if text[j] not in _SINGLE and text[j] != '"':
        return True
    before = text[j - 1]
    after = text[j + 1] if j + 1 < len(text) else " "
    # A single mark closes after a word and before a non-letter: "'no,' he said".
    return not before.isspace() and not after.isalnum()


def _is_apostrophe_like(text: str, i: int) -> bool:
    # ‘90s, 'tis: a single mark before a digit or a short elision is an apostrophe.
    if text[i] not in _SINGLE:
        return False
    after = text[i + 1 : i + 4]
    return after[:1].isdigit() or after.casefold().startswith(("tis", "twa", "em "))
