"""Check a draft: every sentence cites the positions it rests on, every quote is verbatim.

Citations are written `[#12]` or `[#12, #14]` inside the sentence they support. A quoted
phrase (“…” or "…") must appear in a stored quote of the positions the draft may cite,
comparing with whitespace and straight/curly quotes normalised.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.text import normalize_quote

_CITATION = re.compile(r"\[\s*#\d+(?:\s*,\s*#?\d+)*\s*\]")
_CITED_ID = re.compile(r"#?(\d+)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[A-Z“\"‘(0-9])")
_QUOTED = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"")


@dataclass(frozen=True)
class Problem:
    """Why a draft cannot be approved as it stands."""

    kind: str  # "uncited", "unknown citation", "unverified quote"
    text: str

    def as_dict(self) -> dict[str, str]:
        """For the draft row's JSON column."""
        return {"kind": self.kind, "text": self.text}


def cited_ids(body: str) -> list[int]:
    """Every position id the body cites, in order, without repeats."""
    seen: dict[int, None] = {}
    for group in _CITATION.findall(body):
        for number in _CITED_ID.findall(group):
            seen[int(number)] = None
    return list(seen)


def check_draft(body: str, *, quotes_by_position: Mapping[int, Sequence[str]]) -> list[Problem]:
    """Every problem in `body`, given the positions it may cite and their stored quotes."""
    problems: list[Problem] = []
    for sentence in sentences(body):
        groups = _CITATION.findall(sentence)
        if not groups:
            problems.append(Problem("uncited", sentence))
    for position_id in cited_ids(body):
        if position_id not in quotes_by_position:
            problems.append(Problem("unknown citation", f"#{position_id}"))
    stored = [normalize_quote(q).casefold() for qs in quotes_by_position.values() for q in qs]
    for match in _QUOTED.finditer(body):
        phrase = match.group(1) or match.group(2)
        wanted = normalize_quote(phrase).strip(" ,.").casefold()
        if wanted and not any(wanted in quote for quote in stored):
            problems.append(Problem("unverified quote", phrase))
    return problems


def sentences(body: str) -> list[str]:
    """The body's sentences (a bare citation or blank line is not a sentence).

    Quotations are masked while splitting: a quoted “… it. The idea …” is one sentence.
    """
    quoted: list[str] = []

    def mask(match: re.Match[str]) -> str:
        quoted.append(match.group(0))
        return f"\x00{len(quoted) - 1}\x00"

    def unmask(text: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: quoted[int(m.group(1))], text)

    pieces = []
    for paragraph in body.splitlines():
        for piece in _SENTENCE_END.split(_QUOTED.sub(mask, paragraph.strip())):
            if _CITATION.sub("", piece).strip(" .,;:-—"):
                pieces.append(unmask(piece.strip()))
    return pieces
