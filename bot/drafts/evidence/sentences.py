"""How many sentences a claim's own words make (quotations are masked first)."""

import re

from bot.drafts.evidence.lexicon import ABBREVIATIONS

# A sentence ends at . ! ? (or a run of them) followed by white space and anything at all:
# a lower-case, accented or marked-up start is still a new sentence.
_END = re.compile(r"([.!?…]+)[)\]'\"”’»]*(\s+(?=\S)|(?=[^\W\d_]{2}))")
_TOKEN_BEFORE = re.compile(r"([\w.]+)$")


def count(masked_text: str) -> int:
    """Sentences in `masked_text`; a line break starts another, and so does a semicolon
    before a capital (two claims spliced); one before a small letter joins two clauses."""
    text = masked_text.strip()
    if not text:
        return 0
    pieces = 1 + len(re.findall(r"\n\s*\S", text)) + len(re.findall(r";\s*[^\s\w]*[A-Z]", text))
    for match in _END.finditer(text):
        if match.group(1) == "." and _is_abbreviation(text[: match.start(1)]):
            continue
        # With no space ("proposal.He said"), only a capital then a small letter starts one:
        # "politico.com" and "U.S." do not.
        tight = not match.group(2)
        if tight and not (text[match.end()].isupper() and text[match.end() + 1].islower()):
            continue
        pieces += 1
    return pieces


def _is_abbreviation(before: str) -> bool:
    token = _TOKEN_BEFORE.search(before)
    if token is None:
        return False
    word = token.group(1).casefold().rstrip(".")
    # An initial ("J. Smith"), an abbreviation ("Mr.", "U.S."), or a decimal point.
    return (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS
