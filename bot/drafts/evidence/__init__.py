"""The evidence lock: a draft may only say what the positions it cites say.

A draft is a list of claims. Each claim is judged against only the positions it cites, which
must be among the positions the drafter was given:

- it is one sentence, within a sane length, with no hidden characters or typed citations;
- every quotation (any Unicode quotation marks) is verbatim, on whole words, in the cited
  positions' own quotes, at least three words unless it is a whole stored quote, and a
  question is not presented as a statement;
- it names only actors whose positions it cites, and its actor is theirs;
- its stated stance, and its stance words, agree with the cited stance;
- every number, date, time word and name outside quotations is in the cited evidence.

What it cannot judge: tone, emphasis, order, and what a faithful sentence leaves out.
"""

from bot.drafts.evidence.check import check_claims
from bot.drafts.evidence.model import MAX_CLAIM_CHARS, Claim, Evidence, Problem

__all__ = ["MAX_CLAIM_CHARS", "Claim", "Evidence", "Problem", "check_claims"]
