"""Turn backend-highlighted text into the pieces a hit shows: the matching quote, summary or
condition, cut around the first match, with the matched words marked.

Backends wrap each match in START … STOP (control characters, which stored text never holds);
what leaves here is plain text split into segments, so each transport bolds and escapes its own.
"""

import re
from dataclasses import dataclass

START = "\x02"
STOP = "\x03"
SNIPPET_CHARS = 240
PIECES_PER_HIT = 2

_JOINED = re.compile(f"{STOP}(\\s+){START}")
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")


@dataclass(frozen=True)
class Piece:
    """One field of a hit: `kind` is "quote", "summary" or "condition"; `segments` are
    (text, matched) pairs in order."""

    kind: str
    segments: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        """The piece without marks."""
        return "".join(text for text, _ in self.segments)


@dataclass(frozen=True)
class MarkedFields:
    """One position's searchable fields as a backend highlighted them (None: no text)."""

    summary: str | None
    quotes: str | None
    conditions: str | None


def merged(first: str | None, second: str | None) -> str | None:
    """One text marked wherever either of two markings of it marks it."""
    if first is None or second is None:
        return first if second is None else second
    plain, marks = _marked_chars(first)
    other_plain, other_marks = _marked_chars(second)
    if plain != other_plain:
        return first
    both = marks | other_marks
    out = []
    for at, char in enumerate(plain):
        if at in both and at - 1 not in both:
            out.append(START)
        out.append(char)
        if at in both and at + 1 not in both:
            out.append(STOP)
    return "".join(out)


def _marked_chars(text: str) -> tuple[str, set[int]]:
    plain: list[str] = []
    marks: set[int] = set()
    inside = False
    for char in text:
        if char in (START, STOP):
            inside = char == START
            continue
        if inside:
            marks.add(len(plain))
        plain.append(char)
    return "".join(plain), marks


def pieces(fields: MarkedFields) -> tuple[Piece, ...]:
    """The fields that matched, quotes first, at most PIECES_PER_HIT; when no field shows a
    match (a backend that ignores stop words), the summary or first quote unmarked."""
    candidates = [
        *(("quote", line) for line in _lines(fields.quotes)),
        *(("summary", line) for line in _lines(fields.summary)),
        *(("condition", line) for line in _lines(fields.conditions)),
    ]
    matched = [(kind, text) for kind, text in candidates if START in text]
    chosen = matched[:PIECES_PER_HIT] or candidates[:1]
    return tuple(Piece(kind=kind, segments=_segments(_window(text))) for kind, text in chosen)


def _lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip(f" {START}{STOP}")]


def _window(text: str) -> str:
    """About SNIPPET_CHARS of `text` around its first match, cut at spaces, never in a mark."""
    text = _JOINED.sub(r"\1", text)
    if len(text) <= SNIPPET_CHARS:
        return text
    first = max(text.find(START), 0)
    begin = text.rfind(" ", 0, max(first - SNIPPET_CHARS // 3, 0)) + 1 if first else 0
    end = text.find(" ", begin + SNIPPET_CHARS)
    end = len(text) if end < 0 else end
    if text.count(START, begin, end) > text.count(STOP, begin, end):
        stop = text.find(STOP, end)
        end = len(text) if stop < 0 else stop + 1
    return ("…" if begin else "") + text[begin:end].strip() + ("…" if end < len(text) else "")


def _segments(text: str) -> tuple[tuple[str, bool], ...]:
    segments: list[tuple[str, bool]] = []
    at = 0
    for match in _MARKED.finditer(text):
        if match.start() > at:
            segments.append((_clean(text[at : match.start()]), False))
        if match[1]:
            segments.append((match[1], True))
        at = match.end()
    if at < len(text):
        segments.append((_clean(text[at:]), False))
    return tuple((t, marked) for t, marked in segments if t)


def _clean(text: str) -> str:
    # A mark left open by a cut or by odd stored text is dropped, not shown.
    return text.replace(START, "").replace(STOP, "")
