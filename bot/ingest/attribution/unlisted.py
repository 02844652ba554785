"""Named people an attribution points to who are not tracked: "said Maria Lopez, the mayor".

A surname alone ("“…,” Okafor said") is taken only where its capital letter says it is a
name: right after the quote, after a title ("Mr Okafor") or a possessive ("Ukraine's
Poroshenko"), never as a sentence's first word ("Officials said"), and never when it is a
place or an organisation (`names.lone_surname`). `whole_name` then finds the whole name the
article gives that surname elsewhere ("Chidi Okafor"), when it gives one.
"""

import re
from collections.abc import Sequence

from bot.ingest.attribution import cues
from bot.ingest.attribution.marks import MASK
from bot.ingest.attribution.names import (
    lone_surname,
    person_at,
    person_ending,
    person_name,
    without_possessor,
)
from bot.text import normalize_name

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
_WORD_AT = re.compile(r"\s*([A-Z][\w’'\-]*)(?![\w’'\-])")
_WORD_END = re.compile(r"(?<![\w’'\-])([A-Z][\w’'\-]*)\s*$")
# "“…,” said Okafor." / "…, said Okafor, who …": a lone surname ends its clause.
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)–—]|$|\s(?:who|in|on|at|after|as|when|while)\b)")
_AFTER_QUOTE = re.compile(MASK + r"\s*[,;:–—-]?\s*$")
_POSSESSOR_END = re.compile(r"[A-Z][\w\-]*[’']s\s+$")
_TOKENS = re.compile(r"[\w’'&\-]+|[^\w\s]")  # words, and punctuation that ends a title


def after(sentence: str, pos: int, *, surname: bool = False) -> tuple[str, str | None, int] | None:
    """(name, role, end) of a person named right after `pos`, role from an apposition.

    `surname`: the words before `pos` end with the quote ("“…,” said Okafor"), so a lone
    surname that ends the clause is taken too.
    """
    found = person_at(sentence, pos)
    person = _person(found[0]) if found else None
    if person is None and (titled := _TITLED.match(sentence, pos)):
        found = person_at(sentence, titled.end()) or _lone_at(sentence, titled.end())
        named = _person(found[0], lone=True) if found else None
        person = (named[0], titled.group(1).strip()) if named else None
    if person is None and surname and (found := _lone_at(sentence, pos)):
        named = _person(found[0], lone=True)
        person = named if named and _CLAUSE_END.match(sentence, found[1]) else None
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
    person = _person(found[0], lone=_after_quote(prefix, found[1])) if found else None
    if person is None and (lone := _WORD_END.search(prefix)):
        found = (lone.group(1), lone.start(1))
        person = _person(found[0], lone=True) if _after_quote(prefix, found[1]) else None
    if found is None or person is None:
        return None
    words = re.findall(r"[\w’'&\-]+|[,;:" + MASK + "]", prefix[: found[1]])
    if words and words[-1].lower() in cues.PREPOSITIONS:
        return None
    name, title = person
    return name, title or _title_before(words) or None, found[1]


def whole_name(surname: str, paragraphs: Sequence[str]) -> tuple[str, str | None] | None:
    """The one whole name (with a title, if any) `paragraphs` give a lone `surname`: the
    shortest run of capitalised words ending in it that reads as a name ("Chidi Okafor",
    not "Treasury Abdulla Jihad"). None when there is none, or two people share the surname
    ("Ed" and "David Miliband")."""
    if len(surname.split()) != 1:
        return None
    ending = re.compile(
        rf"(?<![\w’'\-])((?:[A-Z][\w’'\-]*\.?[ \t]+){{1,3}}){re.escape(surname)}(?![\w’'\-])"
    )
    people: set[tuple[str, str | None]] = set()
    for paragraph in paragraphs:
        for match in ending.finditer(paragraph):
            before = match.group(1).split()
            for size in range(1, len(before) + 1):
                named = person_name(" ".join([*before[-size:], surname]))
                name = without_possessor(named[0]) if named else ""  # not "Malaysia’s Mahathir"
                if named is not None and name[:1].isupper() and len(name.split()) > 1:
                    start = match.start(1) + match.group(1).rindex(before[-size])
                    people.add((name, named[1] or _role_before(paragraph, start)))
                    break
    if len({normalize_name(name) for name, _ in people}) != 1:
        return None
    return sorted(people, key=lambda person: (person[1] is None, person[1] or ""))[0]


def _role_before(text: str, start: int) -> str | None:
    """A title right before a name ("Nigeria's foreign minister"), if it holds a title word."""
    title = _title_before(_TOKENS.findall(text, max(0, start - 80), start))
    return title if any(word.lower() in cues.TITLES for word in title.split()) else None


def _person(words: str, *, lone: bool = False) -> tuple[str, str | None] | None:
    """The person a capitalised run names, a possessor before it dropped ("Ukraine's
    Poroshenko" is Poroshenko); a lone surname only when `lone` or after a title or a
    possessive."""
    possessed = without_possessor(words)
    if possessed != words:
        named = person_name(possessed)
        if named is None and _single(possessed) and lone_surname(possessed):
            return possessed, None
        return named
    named = person_name(words)
    if named is not None:
        return named
    tokens = words.split()
    titled = [i + 1 for i, token in enumerate(tokens) if token.lower().rstrip(".") in cues.TITLES]
    cut = max(titled, default=0)
    rest = " ".join(tokens[cut:])
    if _single(rest) and lone_surname(rest) and (lone or cut):
        return rest, " ".join(tokens[:cut]) or None
    return None


def _after_quote(prefix: str, at: int) -> bool:
    """Whether the words before `at` end with a quotation: its capital letter is a name's."""
    return _AFTER_QUOTE.search(prefix[:at]) is not None


def _single(words: str) -> bool:
    return len(words.split()) == 1


def _lone_at(sentence: str, pos: int) -> tuple[str, int] | None:
    match = _WORD_AT.match(sentence, pos)
    return (match.group(1), match.end(1)) if match else None


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
