"""Paragraphs and sentences of an article, as spans of the original text.

A paragraph is a run of non-blank lines: a line joins the next when it does not end a sentence
and the next line starts lower-case, or the line ends with a comma, or a quotation is still
open (hard-wrapped text pasted from a PDF or an email). The line breaks stay in the paragraph,
so every offset is an offset in the original text.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.ingest.attribution.cues import ABBREVIATIONS, DANGLING
from bot.ingest.attribution.marks import MASK, Quote

TERMINAL = ".!?…"
BODY_END = re.compile(r"[.!?…][”\"’')\]»“]*\s*$")
_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")
_LAST_WORD = re.compile(r"(?<![\w’'\-])([a-z]+)$")
_WRAP_WIDTH = 100  # lines this short may be hard-wrapped; longer ones are whole paragraphs
_OPENING_MARKS = "“\"‘'«„"
_QUOTED_LOWER = re.compile(r"[“\"‘']\s*[a-z]")
# One-line text: a lower-case word followed by a word that only starts sentences is where a
# headline or sub-heading ran into the text ("… amid rise in measles A “national …").
_RUN_IN = re.compile(
    r"(?<=[a-z\d)’'])\s+(?=(?:The|A|An|In|It|He|She|They|We|His|Her|Their|This|These|But|As|At"
    r"|After|When|While)\s)"
)
_INVERTED = re.compile(r"\s+(?:said|says|added|asked|replied|continued|explained)\b")
ONE_LINE_ARTICLE = 600  # characters: longer than nearly every news paragraph
_BLANK_BETWEEN = re.compile(r"\r?\n[ \t]*\r?\n")


@dataclass(frozen=True)
class Paragraph:
    start: int  # offset of its first character in the article
    text: str  # the article's own characters, line breaks included


# Pasted on one line (`/stance ingest …` in a shell), an article's paragraph breaks are gone;
# news paragraphs so often open with a quotation that a sentence end followed by an opening
# mark is taken as one: “… turnout. “I hope …” is two paragraphs of one quotation.
_RUN_ON_BREAK = re.compile(r"(?<=[.!?…])[”’\")\]]*[ \t]+(?=[“‘«„\"][A-Z‘“\"])")


def is_one_line(text: str) -> bool:
    """Whether `text` is an article pasted on one line (a single paragraph is shorter)."""
    return "\n" not in text.strip() and len(text) > ONE_LINE_ARTICLE


def paragraphs(text: str) -> Iterator[Paragraph]:
    """The article's paragraphs, hard-wrapped lines joined, in order.

    Text on one line is cut where a sentence ends and a quotation opens (see above).
    """
    if not is_one_line(text):
        yield from _lines_joined(text)
        return
    for para in _lines_joined(text):
        begin = 0
        for cut in _RUN_ON_BREAK.finditer(para.text):
            piece = para.text[begin : cut.start() + len(cut.group().rstrip())]
            yield Paragraph(start=para.start + begin, text=piece.rstrip())
            begin = cut.end()
        yield Paragraph(start=para.start + begin, text=para.text[begin:])


def _lines_joined(text: str) -> Iterator[Paragraph]:
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    begin: int | None = None
    curly = straight = 0  # open “ and straight " marks so far in the paragraph
    for index, (start, end) in enumerate(lines):
        if begin is None:
            begin, curly, straight = start, 0, 0
        line = text[start:end]
        curly += line.count("“") - line.count("”")
        straight += line.count('"')
        following = lines[index + 1] if index + 1 < len(lines) else None
        open_quote = curly > 0 or straight % 2 == 1
        if following is None or not _joins(text, line, end, following[0], open_quote):
            para = text[begin:end]
            lead = len(para) - len(para.lstrip())
            yield Paragraph(start=begin + lead, text=para.strip())
            begin = None


def _joins(text: str, line: str, end: int, next_start: int, open_quote: bool) -> bool:
    """Whether `line`, ending at `end`, continues on the line starting at `next_start`."""
    so_far = line.rstrip()
    blank = bool(_BLANK_BETWEEN.search(text, end, next_start + 1))
    if open_quote and not blank and len(so_far) <= _WRAP_WIDTH:
        # A wrapped line inside a quotation, even after a full stop: “… a great job.⏎We played …
        return text[next_start] not in _OPENING_MARKS
    if BODY_END.search(so_far):
        return False
    last = _LAST_WORD.search(so_far)
    if blank or so_far.endswith(":"):  # "… told reporters that¶“we will …", "… that:¶“We …"
        runs_on = so_far.endswith(":") or bool(last and last.group(1) in DANGLING)
        opens = text[next_start] in _OPENING_MARKS
        return bool(_QUOTED_LOWER.match(text, next_start)) or (runs_on and opens)
    following = text[next_start : next_start + 1]
    if following.islower() or following in "–—" or so_far.endswith((",", ";", "–", "—")):
        return True
    if last and last.group(1) in DANGLING:  # lower-case only: "… for the⏎COVID-19 …"
        return True
    return open_quote


def _starts_sentence(masked: str, pos: int) -> bool:
    match = re.match(r"\s+(\S)", masked[pos:])
    if match is None:
        return False
    first = match.group(1)
    return first.isupper() or first.isdigit() or first in MASK + "(\"“‘'"


def sentence_spans(
    masked: str,
    quotes: Sequence[Quote],
    attribution_ahead: re.Pattern[str],
    *,
    one_line: bool = False,
) -> list[tuple[int, int]]:
    """Sentence boundaries of a paragraph, found outside quotations only.

    `one_line`: the article came on one line, so its headline, standfirst and sub-headings
    run into the next sentence, and “….” A said could be a new paragraph's first words.
    """
    cuts: set[int] = set()
    if one_line:
        cuts.update(m.start() for m in _RUN_IN.finditer(masked))
    for match in re.finditer(r"[.!?…]+[)\]]*", masked):
        end = match.end()
        if not _starts_sentence(masked, end):
            continue
        if match.group().startswith("."):
            word = re.search(r"([\w]+)$", masked[: match.start()])
            if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        cuts.add(end)
    for q in quotes:
        if not q.closed or not q.text.rstrip("”’\"')").endswith(tuple(TERMINAL)):
            continue
        ahead = attribution_ahead.match(masked, q.end)
        if _starts_sentence(masked, q.end) and (
            not ahead or (one_line and not _INVERTED.match(masked, q.end))
        ):
            cuts.add(q.end)
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*sorted(cuts), len(masked)]:
        segment = masked[begin:cut]
        left = begin + len(segment) - len(segment.lstrip())
        right = begin + len(segment.rstrip())
        if right > left:
            spans.append((left, right))
        begin = cut
    return spans
