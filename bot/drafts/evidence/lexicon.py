"""The evidence lock's word lists: data, in one place, each entry covered by a test.

Phrases are lower case, comma-separated, and matched on whole words after normalisation
(bot.drafts.evidence.text.fold).
"""

from store import Stance


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(",") if p.strip())


_SUPPORT = frozenset({Stance.SUPPORTS, Stance.CONDITIONAL})
_OPPOSE = frozenset({Stance.OPPOSES})
_UNSETTLED = frozenset({Stance.UNDECIDED, Stance.UNCLEAR})
_HEDGED = frozenset({Stance.CONDITIONAL, Stance.UNDECIDED, Stance.UNCLEAR})


# Words that state a stance. A claim that uses one on a position whose stance is not in the
# entry's set contradicts its evidence ("rejects" on a conditional supporter).
STANCE_WORDS: dict[str, frozenset[Stance]] = {}

# Support, perhaps with terms (readiness included): never opposition.
for _phrase in _phrases(
    """
    supports, support, supported, backs, backed, endorses, endorsed, welcomes, welcomed,
    embraces, embraced, favours, favors, in favour of, in favor of, agrees to, agreed
    to, agrees with, agreed with, accepts, accepted, approves of, champions, is behind,
    ready to accept, willing to accept, prepared to accept, ready to agree, willing to
    agree, would accept, would back, would support
    """
):
    STANCE_WORDS[_phrase] = _SUPPORT

# Opposition.
for _phrase in _phrases(
    """
    opposes, opposed, oppose, opposition to, rejects, rejected, reject, refuses,
    refused, dismisses, dismissed, rules out, ruled out, condemns, condemned, denounces,
    denounced, vetoes, vetoed, is against, was against, stands against, spurns, spurned,
    will not accept, won't accept, does not accept, doesn't accept, will not agree,
    won't agree
    """
):
    STANCE_WORDS[_phrase] = _OPPOSE

# No decision yet.
for _phrase in _phrases(
    """
    undecided, has not decided, hasn't decided, is weighing, noncommittal
    """
):
    STANCE_WORDS[_phrase] = _UNSETTLED

# Hedges: a reservation or doubt, wrong on a plain "supports" or "opposes".
for _phrase in _phrases(
    """
    open to, is open to, unsure, uncertain, hesitant, ambivalent, tentatively,
    cautiously, reluctantly, lukewarm, on the fence, has doubts, has reservations, with
    reservations, half-hearted
    """
):
    STANCE_WORDS[_phrase] = _HEDGED

# Words saying there are no conditions: wrong on a conditional position.
UNCONDITIONAL_WORDS: frozenset[str] = _phrases(
    """
    full support, fully backs, fully supports, no strings attached, unconditional,
    unconditionally, unreservedly, whatever the terms, wholeheartedly, with no
    conditions, without condition, without conditions, without reservation, without
    reservations
    """
)

# Words that make a reservation: they fit a conditional position, so an opposition word in
# the same claim may be describing a condition ("backs it, but rejects any pause that …").
CONDITION_MARKERS: frozenset[str] = _phrases(
    """
    as long as, but, condition, conditional, conditionally, conditions, however, in
    principle, on her terms, on his terms, on its terms, on their terms, only if, only
    on, provided, unless
    """
)

# An opposition verb aimed at one of these is about a claim, not the issue: "dismissed the
# idea that he backs down" says nothing against the policy.
NOT_THE_ISSUE: frozenset[str] = _phrases(
    """
    accusations, claims, concerns, criticism, fears, questions, reports, rumors,
    rumours, speculation, suggestions, the accusation, the claim, the criticism, the
    idea, the notion, the report, the suggestion
    """
)

# Words that tell of a move: with one, a stance word may describe the previous stance.
SHIFT_MARKERS: frozenset[str] = _phrases(
    """
    shifted, shifts, shifted from, changed, moved, moved from, reversed, previously, formerly,
    used to, no longer, had supported, had opposed, earlier, until now, instead of
    """
)

# Words of certainty. Each must appear in the cited evidence itself: a hope reported as a
# guarantee, or a plan as a done deal, puts words in the speaker's mouth.
CERTAINTY_WORDS: frozenset[str] = _phrases(
    """
    agreed deal, assured, assures, certain, certainly, commits, committed, confirmed,
    confirms, convinced, definitely, done deal, finalised, finalized, guarantee,
    guaranteed, guarantees, has signed, inevitable, is sure, no doubt, pledged, pledges,
    promised, promises, signed, surely, undoubtedly, vowed, vows, will sign, without
    doubt
    """
)

# Negations that turn a stance word around ("does not support"; "n't" is handled apart).
NEGATIONS: frozenset[str] = _phrases(
    """
    declines to, hardly, n't, neither, never, no longer, nor, not, refuses to
    """
)

# Words about the draft, its checking or its approval: a claim states a position, never that
# the text was verified, approved or is authoritative.
META_WORDS: frozenset[str] = _phrases(
    """
    already approved, already checked, already verified, approve it, approve this,
    approved by, as an ai, checked by, editorial board, fact checked, fact-checked,
    ignore previous, ignore the, language model, no need to check, reviewed by,
    standards desk, the editor, the editors, this digest, this draft, this message, this
    summary, this text, verified by
    """
)

# Time words that date a statement. Outside quotes, each must appear in the evidence.
RELATIVE_TIME_WORDS: frozenset[str] = _phrases(
    """
    earlier this week, last month, last week, last year, next month, next week, next
    year, on friday, on monday, on saturday, on sunday, on thursday, on tuesday, on
    wednesday, overnight, recently, this afternoon, this evening, this month, this
    morning, this week, this year, today, tomorrow, tonight, yesterday
    """
)

# Capitalised words that are not names (openers, pronouns, titles, stance labels): allowed
# anywhere without evidence.
NOT_NAMES: frozenset[str] = _phrases(
    """
    a, according, after, also, an, and, as, asked, at, before, both, but, by,
    chancellor, conditional, dr, first, for, he, her, here, his, however, i, in, it,
    its, meanwhile, minister, mr, mrs, ms, neither, no, not, of, on, opposes, or, our,
    president, prime, restated, she, since, so, speaking, supports, that, the, their,
    there, these, they, this, those, to, unclear, undecided, we, when, while, with, yet
    """
)

# Weekdays: a claim's weekday must be in the evidence or be the statement's own.
WEEKDAYS: frozenset[str] = _phrases(
    """
    friday, monday, saturday, sunday, thursday, tuesday, wednesday
    """
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS: frozenset[str] = _phrases(
    """
    a.m, apr, aug, co, col, corp, dec, dr, e.g, e.u, etc, feb, gen, gov, i.e, inc, jan,
    jr, jul, jun, lt, ltd, mar, mr, mrs, ms, no, nov, oct, p.m, prof, rep, sen, sep,
    sept, sr, st, u.k, u.n, u.s, vs
    """
)

# Number words and their values; 0 marks a quantity word ("half", "twice") that must itself
# be in the evidence.
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1000000,
    "billion": 1000000000,
    "dozen": 12,
    "half": 0,
    "double": 0,
    "twice": 0,
    "triple": 0,
    "fortnight": 14,
}

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
