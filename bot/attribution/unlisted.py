"""Named people an attribution points to who are not tracked: "said Maria Lopez, the mayor"."""

import re

from bot.attribution import cues
from bot.attribution.marks import MASK
from bot.attribution.names import person_at, person_ending, person_name

# "said Foreign Ministry spokeswoman Maria Zakharova": capitalised words, a role noun, a name.
_TITLED = re.compile(
    r"\s*((?:[A-Z][\w’'\-]*\s+){0,4}(?:"
    + "|".join(sorted(cues.ROLE_NOUNS, key=len, reverse=True))
    + r")\s+)(?=[A-Z])"
)
# "Maria Zakharova, the Foreign Ministry spokeswoman," ending the words before "said".
_APPOSITIVE_TAIL = re.compile(r",\s*((?:the|a|an)\s+[^," + MASK + r".;]{1,80}),\s*$")
_APPOSITIVE_HEAD = re.compile(r",\s*((?:the|a|an)\s+[^," + MASK + r".;]{1,80})")
_ARTICLE = re.compile(r"(?i)^(?:the|a|an)\s+")


def after(sentence: str, pos: int) -> tuple[str, str | None, int] | None:
    """(name, role, end) of a person named right after `pos`, role from an apposition."""
    found = person_at(sentence, pos)
    person = person_name(found[0]) if found else None
    if (found is None or person is None) and (titled := _TITLED.match(sentence, pos)):
        found = person_at(sentence, titled.end())
        named = person_name(found[0]) if found else None
        person = (named[0], titled.group(1).strip()) if named else None
    if found is None or person is None:
        return None
    name, role = person
    if len(name.split()[-1]) > 2:  # "Zakharova." ends the sentence; "J." is an initial
        name = name.removesuffix(".")
    if appositive := _APPOSITIVE_HEAD.match(sentence, found[1]):
        role = _ARTICLE.sub("", appositive.group(1)).strip()
    return name, role, found[1]


def subject(prefix: str) -> tuple[str, str | None, int] | None:
    """(name, role, start) of a person named at the end of `prefix`, role from a title."""
    if tail := _APPOSITIVE_TAIL.search(prefix):
        named = subject(prefix[: tail.start()])
        role = _ARTICLE.sub("", tail.group(1)).strip()
        return (named[0], named[1] or role, named[2]) if named else None
    found = person_ending(prefix)
    person = person_name(found[0]) if found else None
    if found is None or person is None:
        return None
    words = re.findall(r"[\w’'&\-]+|[,;:" + MASK + "]", prefix[: found[1]])
    if words and words[-1].lower() in cues.PREPOSITIONS:
        return None
    name, title = person
    return name, title or _title_before(words) or None, found[1]


def _title_before(words: list[str]) -> str:
    """The title words right before a name: "Foreign Ministry spokeswoman"."""
    kept: list[str] = []
    for word in reversed(words[-5:]):
        lowered = word.lower()
        if lowered in {"the", "a", "an"} or lowered in cues.NOT_SUBJECTS:
            break
        if not (word[:1].isupper() or lowered in cues.TITLES):
            break
        kept.insert(0, word)
    return " ".join(kept)
