"""Which tracked speaker a role ("the minister", "the health minister") means in one article.

A role key is a role noun, alone or with the word that qualifies it ("health minister", also
from "Minister of Health"). A key names someone only when every person the article gives that
role is the same person.
"""

import re
from collections.abc import Mapping, Sequence

from bot.ingest.attribution import cues
from bot.ingest.attribution.names import PERSON, Speakers, is_role, person_name, same_person

_AFTER_NAME = re.compile(r",\s*((?:the\s+|an?\s+|[\w’']+[’']s\s+|(?=[a-z]))[^,.;:\n]{1,50})")
_BEFORE_NAME = re.compile(r"((?:[\w’'\-]+,?\s+){1,4})$")
_UNLISTED = re.compile(rf"(?<![\w’'\-])({PERSON})")
_NOT_QUALIFIERS = frozenset({"the", "a", "an", "former", "acting", "deputy", "of", "and"})


def role_keys(words: Sequence[str]) -> set[str]:
    """The role keys in a run of words: "Union Health Minister" -> minister, health minister."""
    lowered = [w.lower().strip(",.()") for w in words]
    keys: set[str] = set()
    for i, word in enumerate(lowered):
        if word not in cues.ROLE_NOUNS:
            continue
        keys.add(word)
        if i and lowered[i - 1] not in _NOT_QUALIFIERS:
            keys.add(f"{lowered[i - 1]} {word}")
        if i + 2 < len(lowered) and lowered[i + 1] == "of":
            keys.add(f"{lowered[i + 2]} {word}")
    return keys


def role_referents(text: str, speakers: Speakers) -> dict[str, str | None]:
    """Role key -> the one tracked speaker it names in `text`, or None when several could."""
    holders: dict[str, list[str | None]] = {}
    for name in speakers.names:
        if not is_role(name):  # a role-only name is what this table resolves, not evidence
            for key in role_keys(name.split()):
                holders.setdefault(key, []).append(name)
    for name, start, end in speakers.mentioned(text):
        if is_role(name):
            continue
        for key in _roles_near(text, start, end):
            holders.setdefault(key, []).append(name)
    for match in _UNLISTED.finditer(text):
        person = person_name(match.group(1))
        if person is None or speakers.canonical(person[0]) or speakers.mentioned(person[0]):
            continue
        titled = role_keys((person[1] or "").split())
        for key in titled | _roles_near(text, match.start(1), match.end(1)):
            holders.setdefault(key, []).append(None)
    return {key: _only(names) for key, names in holders.items()}


def role_identities(speakers: Speakers, roles: Mapping[str, str | None]) -> dict[str, str]:
    """Each listed role-only name ("the Health Minister") -> the one person it means here."""
    found: dict[str, str] = {}
    for name in speakers.names:
        if not is_role(name):
            continue
        keys = role_keys(name.split())
        qualified = [k for k in keys if " " in k] or list(keys)
        people = {roles.get(k) for k in qualified}
        if len(people) == 1 and (person := people.pop()) is not None:
            found[name] = person
    return found


def lookup(roles: Mapping[str, str | None], qualifier: str | None, noun: str) -> str | None:
    """The speaker "the [qualifier] noun" means, most specific key first."""
    noun = noun.lower()
    if qualifier and (key := f"{qualifier.lower()} {noun}") in roles:
        return roles[key]
    return roles.get(noun)


def _roles_near(text: str, start: int, end: int) -> set[str]:
    """Role keys in the title before a name or the apposition after it."""
    keys: set[str] = set()
    if before := _BEFORE_NAME.search(text[max(0, start - 60) : start]):
        run: list[str] = []
        for word in reversed(before.group(1).split()):  # the title run: "Foreign Minister"
            if not (word[:1].isupper() or word.lower() in cues.TITLES | {"of", "and"}):
                break
            run.insert(0, word)
        keys |= role_keys(run)
    if after := _AFTER_NAME.match(text, end):
        keys |= role_keys(after.group(1).split())
    return keys


def _only(names: list[str | None]) -> str | None:
    """The one person all `names` are, if they are all one person."""
    if not names or any(n is None for n in names):
        return None
    first = names[0]
    assert first is not None
    return first if all(n is not None and same_person(first, n) for n in names) else None
