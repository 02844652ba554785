"""Open-class words: adverbs anywhere, and what the claim predicates of its actor.

A predicate is the main clause's verb (and verbs joined to it), the verb of what a reporting
verb reports ("Xie said China would follow …"), and an adjective or participle set beside the
actor before the verb ("Hatch, mindful of …, called …"). Each must be the evidence's word, a
neutral reporting word or a stance word of the position's grade.
"""

from bot.drafts.evidence.meaning.reading import TOKENS, Reading, negating
from bot.drafts.evidence.meaning.words import can_be, only
from bot.drafts.evidence.text import words
from bot.stances import LABELS
from store import Stance

_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "does",
        "did",
        "do",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "not",
        "n't",
        "also",
        "still",
    ]
)
_DETERMINERS = frozenset(
    ["a", "an", "the", "its", "his", "her", "their", "this", "that", "any", "every", "each"]
)
_COPULAS = frozenset(["is", "are", "was", "were", "remains", "seems", "appears", "looks"])
_REPORTING = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "states",
        "argued",
        "argues",
    ]
)
_WH_WORDS = frozenset({"what", "whether", "how", "why", "when", "where", "who", "which", "if"})
_CLAUSE_OPENERS = frozenset({"that", "it", "he", "she", "they", "we"})


def predicate_problems(
    folded: str, reading: Reading, *, free: frozenset[str], exempt: set[str]
) -> list[str]:
    """Predicate words and adverbs the evidence doesn't use and no list makes neutral."""
    tokens = TOKENS.findall(folded)
    problems = []
    # What a reporting verb reports is checked on an open position only: there a verb the
    # evidence doesn't use makes it settled; elsewhere it is most often a synonym.
    open_position = reading.stances <= {Stance.UNCLEAR, Stance.UNDECIDED}
    main_verb_seen = False
    reported = False  # just after a verb of saying: the next verb is what was said
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else ""
        verb = _is_verb(token, before)
        predicate = verb and (
            not main_verb_seen or (reported and open_position) or _coordinated(tokens, index)
        )
        # An appositive set beside the actor: "Hatch, mindful of …, called …".
        beside_actor = not main_verb_seen and not verb and before == "," and can_be(token, "ADJ")
        if verb:
            main_verb_seen = True
            reported = token in _REPORTING
        elif token in _WH_WORDS:
            reported = False  # "said what would happen": a question, not what was said
        if _fine(token, reading, free=free, exempt=exempt):
            continue
        if token.endswith("ly") and can_be(token, "ADV"):
            problems.append(f"says “{token}”: stronger or weaker than the cited position")
        elif (predicate and not _negated(tokens, index)) or (
            beside_actor and before not in _DETERMINERS and not only(token, "NOUN")
        ):
            problems.append(_described(token, reading))
        elif before in _COPULAS and can_be(token, "ADJ") and not main_verb_seen:
            problems.append(_described(f"{before} {token}", reading))
    return list(dict.fromkeys(problems))


def _fine(token: str, reading: Reading, *, free: frozenset[str], exempt: set[str]) -> bool:
    return (
        token in free
        or token in exempt
        or token in {",", ";", ":"}
        or any(ch.isdigit() for ch in token)
        or reading.has_word(token)
    )


def _described(words_: str, reading: Reading) -> str:
    label = " / ".join(LABELS[s].lower() for s in sorted(reading.stances))
    return f"describes the position as “{words_}”, which the evidence doesn't say (it is {label})"


def _is_verb(token: str, before: str) -> bool:
    if token in _AUXILIARIES or not can_be(token, "VERB"):
        return False
    if before in _DETERMINERS or before.endswith("'s"):
        return False
    # A word that can be a noun or a verb is the verb after a name (blanked out), an
    # auxiliary, a conjunction or a clause opener: "Putin backs", "is working", "that it backs".
    after_subject = before in _AUXILIARIES or before in {"", "and", "but", ","} | _CLAUSE_OPENERS
    return not can_be(token, "NOUN") or after_subject


def _coordinated(tokens: list[str], index: int) -> bool:
    """A second predicate of the main clause: "backs the plan and is working against it"."""
    back = index - 1
    while back >= 0 and tokens[back] in _AUXILIARIES:
        back -= 1
    return back >= 0 and tokens[back] in {"and", "but", "yet", ","}


def _negated(tokens: list[str], index: int) -> bool:
    return negating(tokens[max(0, index - 3) : index])


def phrase_words(phrases: frozenset[str]) -> frozenset[str]:
    """Every word of the phrases, each free on its own."""
    return frozenset(word for phrase in phrases for word in words(phrase))
