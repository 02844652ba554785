"""Quotation marks: where each quotation in a paragraph opens, starts and ends.

Quotes are “curly” or "straight" double quotes, ‘curly’ or 'straight' single quotes that
open after a space and close before a non-letter (so the apostrophe in "Putin’s" never opens or
closes one), doubled single marks ‘‘…’’ (as some national presses print them), «guillemets»
and „low-high“ marks. An opening “ with no closing mark in its paragraph runs to the end of the
paragraph (the convention for quotes that continue into the next paragraph).
"""

from collections.abc import Sequence
from dataclasses import dataclass

MASK = "\ue000"  # stands in for quoted text while reading the words around it
_SINGLE_CLOSE = {"‘": "’", "'": "'"}
# Marks that only ever open a quotation, and the marks that close it.
_PAIRED = {"«": ("»",), "„": ("“", "”")}


@dataclass(frozen=True)
class Quote:
    open: int  # paragraph-relative offset of the opening mark
    end: int  # paragraph-relative offset just past the closing mark (or the paragraph's end)
    start: int  # paragraph-relative offset of the quote text
    text: str
    closed: bool


def scan_quotes(para: str) -> list[Quote]:
    """The quotations in one paragraph, in order, never overlapping."""
    quotes: list[Quote] = []
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        before = para[i - 1] if i else " "
        close = -1
        closed = True
        width = 1  # characters of the opening and closing marks
        if para.startswith("‘‘", i):
            close, width = _closing(para, i + 2, "’’"), 2
        elif ch in _PAIRED:
            close = min((c for m in _PAIRED[ch] if (c := para.find(m, i + 1)) >= 0), default=-1)
        elif ch == "“":
            close = _first(para.find("”", i + 1), _closing(para, i + 1, '"'))
            if close < 0:
                close, closed = n, False
        elif ch == '"' and _opens(before, para[i + 1 : i + 2], single=False):
            close = _first(_closing(para, i + 1, '"'), _closing(para, i + 1, "”"))
        elif ch in _SINGLE_CLOSE and _opens(before, para[i + 1 : i + 2], single=True):
            close = _closing(para, i + 1, _SINGLE_CLOSE[ch])
        if close < 0 and ch in "\"‘'" and width == 1 and _runs_on(para, i):
            close, closed = n, False  # "… ¶ "…": the quotation goes on in the next paragraph
        if close < 0:
            i += 1
            continue
        single = ch in _SINGLE_CLOSE and width == 1
        quote = _trimmed(para, i + width, close, single=single)
        if quote is not None:
            start, text = quote
            end = close + width if closed else n
            quotes.append(Quote(open=i, end=end, start=start, text=text, closed=closed))
        i = close + width
    return quotes


def _runs_on(para: str, i: int) -> bool:
    """An unclosed opening mark that starts the paragraph or a sentence, on a capital letter:
    the newspaper convention for a quotation that goes on into the next paragraph."""
    starts = not para[:i].strip() or para[:i].rstrip().endswith((".", "!", "?", "…"))
    return starts and para[i + 1 : i + 2].isupper() and any(c in ".!?…" for c in para[i:])


def _first(a: int, b: int) -> int:
    """The earlier of two offsets, where -1 means none (a mixed “…" pair closes too)."""
    return min(a, b) if a >= 0 and b >= 0 else max(a, b)


def _opens(before: str, after: str, *, single: bool) -> bool:
    """Whether a straight " or a single quote between `before` and `after` opens a quotation."""
    if not (before.isspace() or before in "([{—–-/" + ('"“' if single else "")):
        return False
    # ‘90s and ’til are elisions, not quotations: a single quote must open on a letter.
    return after.isalpha() if single else bool(after) and not after.isspace()


def _closing(para: str, pos: int, mark: str) -> int:
    """The closing `mark` from `pos`: not inside a word, not after a space. -1 if none."""
    while (close := para.find(mark, pos)) >= 0:
        after = para[close + len(mark)] if close + len(mark) < len(para) else " "
        if not after.isalnum() and not para[close - 1].isspace():
            return close
        pos = close + 1
    return -1


def _trimmed(para: str, start: int, end: int, *, single: bool) -> tuple[int, str] | None:
    """The quote text in para[start:end]: outer whitespace and one trailing comma dropped."""
    raw = para[start:end]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    if not text or not any(ch.isalnum() for ch in text):
        return None
    if single and (len(text) < 2 or "‘" in text):  # rock ‘n’ roll; an unmatched ‘ inside
        return None
    return start + lead, text


def masked(para: str, quotes: Sequence[Quote]) -> str:
    """The paragraph with every quotation (marks included) blanked out, same length."""
    chars = list(para)
    for q in quotes:
        chars[q.open : q.end] = MASK * (q.end - q.open)
    return "".join(chars)


def single_runs(paras: Sequence[str], *, reach: int = 4) -> dict[int, Quote]:
    """Single-quoted quotations running over paragraphs: ‘… ¶ … ¶ …,’ A said.

    Paragraph number -> its part of the quotation, from a paragraph opening with a single mark
    it does not close, through paragraphs with no quotation marks, to the one that closes it.
    """
    runs: dict[int, Quote] = {}
    for first, para in enumerate(paras):
        mark = para[:1]
        whole = [q for q in scan_quotes(para) if q.closed]
        if mark not in _SINGLE_CLOSE or whole or not para[1:2].isalpha():
            continue
        close = _SINGLE_CLOSE[mark]
        for last in range(first + 1, min(first + 1 + reach, len(paras))):
            text = paras[last]
            end = _closing(text, 0, close)
            if end < 0 and not scan_quotes(text) and not any(m in text for m in '“”"‘'):
                continue
            if end > 0 and not any(m in text[:end] for m in '“”"‘'):
                parts = [
                    (first, 1, len(para)),
                    *((m, 0, len(paras[m])) for m in range(first + 1, last)),
                ]
                for number, begin, stop in [*parts, (last, 0, end)]:
                    quote = _trimmed(paras[number], begin, stop, single=True)
                    if quote is not None:
                        closed = number == last
                        runs[number] = Quote(0, stop + closed, quote[0], quote[1], closed)
            break
    return runs


def with_run(para: str, run: Quote | None) -> list[Quote]:
    """The paragraph's quotations, the part of a multi-paragraph run first if it has one."""
    if run is None:
        return scan_quotes(para)
    rest = scan_quotes(para[run.end :])
    shifted = [
        Quote(q.open + run.end, q.end + run.end, q.start + run.end, q.text, q.closed) for q in rest
    ]
    return [run, *shifted]
