"""The words a stance guess reads, as data. Patterns are regex fragments over lower-case text."""

from bot.ingest.attribution.cues import words as _words

# Expressions of opposition to the thing discussed.
OPPOSES = (
    r"reject(?:s|ed|ing)?",
    r"oppos(?:e|es|ed|ing)",
    r"(?:are|is|am|was|were|remain|remains|stand|stands)\s+(?:firmly\s+|strongly\s+)?against",
    r"refus(?:e|es|ed|ing)\s+to\s+(?:accept|support|back|endorse|sign|agree)",
    r"(?:never|not\s+going\s+to)\s+(?:happen|accept|agree|allow|sign|support)",
    r"unacceptable",
    r"condemn(?:s|ed|ing)?",
)
# Expressions of support; a negation before one turns it into opposition.
SUPPORTS = (
    r"support(?:s|ed|ing)?",
    r"welcom(?:e|es|ed|ing)",
    r"endors(?:e|es|ed|ing)",
    r"in\s+favou?r\s+of",
    r"agree(?:s|d)?(?:\s+(?:with|to))?",
    r"accept(?:s|ed)?",
    r"back(?:s|ed|ing)?",  # only as a verb with an object, see BACK_*
)
# "back" is a verb of support only before an object ...
BACK_OBJECTS = _words(
    "the this that these those it him her them a an his our their its any such every"
)
# ... and never after a verb of motion or return: "flew back", "came back the next day".
BACK_NOT_AFTER = _words(
    "flew fly flies flying came come comes coming went go goes going got get gets getting "
    "fought fight fighting pushed push pushing pulled pull bounced bounce looked look stepped "
    "step hit struck rolled roll scaled walked walk turned turn brought bring sent send way "
    "head headed heading moved move drove drive hold held holding sat sit set cut cutting "
    "called call wrote write paid pay gave give"
)
# "a plan backed by Russia": someone else's support, not the speaker's.
PASSIVE_AGENT = r"\s+by\b"
# Words that negate the expression right after them (within two words).
NEGATIONS = (
    r"not",
    r"never",
    r"no\s+longer",
    r"cannot",
    r"\w+n[’']t",
    r"won[’']t",
)
# With a support expression, these make it conditional.
CONDITIONS = (
    r"only\s+if",
    r"only\s+on",
    r"on\s+(?:the\s+)?condition",
    r"provided\s+(?:that\s+)?",
    r"providing\s+that",
    r"but\s+only",
    r"as\s+long\s+as",
    r"so\s+long\s+as",
    r"unless",
)
UNDECIDED = (
    r"undecided",
    r"(?:still\s+)?considering",
    r"weighing",
    r"not\s+(?:yet\s+)?decided",
    r"yet\s+to\s+decide",
)
UNCLEAR = (r"not\s+clear", r"unclear")
