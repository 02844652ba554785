"""The desk's upkeep verbs: corrections, audit, lists, aliases, merges, search and export."""

import re

from bot.errors import BadCommand
from bot.grammar.commands import (
    AliasChange,
    Assign,
    Audit,
    Correct,
    Export,
    ListNames,
    Merge,
    Retract,
    Search,
)
from bot.grammar.date_words import refuse_other_date_words
from bot.paging import split_page

_NUMBER = re.compile(r"(?P<prefix>#|d|draft\s+|position\s+)?(?P<digits>\d{1,12})", re.IGNORECASE)
_AS_OF = re.compile(r"^(?P<body>.*?)\s+as\s+of\s+(?P<date>.+)$", re.IGNORECASE | re.DOTALL)
_FORMAT = re.compile(r"\s+(?:as\s+|format\s+)?(?P<format>csv|json)$", re.IGNORECASE)
_SINCE = re.compile(r"^(?P<body>.*?)\s*\bsince\s+(?P<date>.+)$", re.IGNORECASE | re.DOTALL)


def split_as_of(text: str) -> tuple[str, str | None]:
    """`… as of <date>` split into the question and the date."""
    match = _AS_OF.match(text)
    if match is None:
        refuse_other_date_words(text)
        return text.strip(), None
    return match["body"].strip(), match["date"].strip()


def parse_number(text: str, *, verb: str, what: str) -> tuple[str | None, int, str]:
    """The id at the start of `text`: (subject, number, the rest).

    `#7` and `position 7` are positions, `D7` and `draft 7` drafts; a bare `7` has no subject.
    """
    match = _NUMBER.match(text.strip())
    if match is None:
        raise BadCommand(f"{verb.capitalize()} which {what}?", hint=f"Try: {verb} {_example(what)}")
    prefix = (match["prefix"] or "").strip().casefold()
    subject = {"#": "position", "position": "position", "d": "draft", "draft": "draft"}.get(prefix)
    rest = text.strip()[match.end() :]
    if rest and not rest[0].isspace():
        raise BadCommand(f"{verb.capitalize()} which {what}?", hint=f"Try: {verb} {_example(what)}")
    return subject, int(match["digits"]), rest.strip()


def _example(what: str) -> str:
    return {"draft": "D7", "quote": "7"}.get(what, "#7")


def parse_audit(rest: str) -> Audit:
    """`audit D7`, `audit #7`, `audit draft 7`, `audit position 7`, `audit 7`."""
    subject, number, extra = parse_number(rest, verb="audit", what="draft or position")
    if extra:
        raise BadCommand("Audit takes one id.", hint="Try: audit D7 (a draft) or audit #7")
    return Audit(number=number, subject=subject)


def parse_correction(verb: str, rest: str) -> Retract | Correct:
    """`retract <id> [reason]` / `correct <id>`."""
    subject, number, extra = parse_number(rest, verb=verb, what="position")
    if subject == "draft":
        raise BadCommand(
            f"Only recorded positions can be {verb}ed; D{number} is a draft.",
            hint=f"Try: reject D{number} <reason>",
        )
    if verb == "retract":
        return Retract(position_id=number, reason=extra[:500])
    if extra:
        raise BadCommand("Correct takes only the position's id.", hint=f"Try: correct #{number}")
    return Correct(position_id=number)


def parse_assign(rest: str) -> Assign:
    """`assign <id>`: a quote an ingest listed without a speaker (`assign 5`, `assign #5`)."""
    subject, number, extra = parse_number(rest, verb="assign", what="quote")
    if subject == "draft" or extra:
        raise BadCommand(
            "Assign takes the number of a quote an ingest listed without a speaker.",
            hint=f"Try: assign {number}",
        )
    return Assign(quote_id=number)


def parse_list(verb: str, rest: str) -> ListNames:
    """`actors [filter] [page N]` / `topics [filter] [page N]`."""
    body, page = split_page(rest)
    return ListNames(kind=verb.removesuffix("s"), filter=body.strip()[:200], page=page)


def _kind_and_body(rest: str) -> tuple[str, str]:
    first, _, body = rest.partition(" ")
    if first.casefold() == "topic":
        return "topic", body.strip()
    if first.casefold() == "actor":
        return "actor", body.strip()
    return "actor", rest.strip()


def parse_alias(verb: str, rest: str) -> AliasChange:
    """`alias <actor> = <alias>` / `alias topic <topic> = <alias>`; the same for unalias."""
    kind, body = _kind_and_body(rest)
    name, equals, alias = body.partition("=")
    if not equals or not name.strip() or not alias.strip():
        example = "alias topic ceasefire = truce" if kind == "topic" else "alias putin = Mr Putin"
        raise BadCommand(
            f"{verb.capitalize()} needs a name, “=” and the alias.", hint=f"Try: {example}"
        )
    return AliasChange(verb=verb, kind=kind, name=name.strip()[:200], alias=alias.strip()[:200])


def parse_merge(rest: str) -> Merge:
    """`merge <actor> into <actor>` / `merge topic <topic> into <topic>`."""
    kind, body = _kind_and_body(rest)
    source, target = _split_word(body, "into")
    if not source or not target:
        example = (
            "merge topic truce into ceasefire" if kind == "topic" else "merge V. Putin into putin"
        )
        raise BadCommand("Merge which into which?", hint=f"Try: {example}")
    return Merge(kind=kind, source=source.strip()[:200], target=target.strip()[:200])


def _split_word(text: str, word: str) -> tuple[str, str]:
    """`text` split at the first ` <word> `, both sides stripped ("" when it is absent)."""
    parts = re.split(rf"\s+{word}\s+", text, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) != 2:
        return "", ""
    return parts[0].strip(), parts[1].strip()


def parse_search(rest: str) -> Search:
    """`search <words> [as of <date>] [page N]`; "quoted phrases" search exactly."""
    body, page = split_page(rest)
    words, as_of = split_as_of(body)
    if not words.strip(' "“”'):
        raise BadCommand(
            "Search for what?", hint='Try: search frozen conflict, or search "no ceasefire"'
        )
    # Not cut here: bot.search.read_terms refuses an over-long search with its length.
    return Search(words=words, as_of=as_of, page=page)


def parse_export(rest: str) -> Export:
    """`export board <topic>` | `export history <actor> on <topic>` | `export positions
    [since <date>]`, each optionally ending `csv` or `json` (CSV by default)."""
    body, fmt = rest.strip(), "csv"
    found = _FORMAT.search(" " + body)
    if found is not None:
        fmt = found["format"].casefold()
        body = (" " + body)[: found.start()].strip()
    what, _, argument = body.partition(" ")
    what = what.casefold()
    argument = argument.strip()
    if what == "board" and argument:
        return Export(what="board", topic=argument[:200], format=fmt)
    if what == "history":
        actor, topic = _split_word(argument, "on")
        if actor and topic:
            return Export(what="history", actor=actor[:200], topic=topic[:200], format=fmt)
    if what == "positions":
        since = _SINCE.match(argument)
        if since is not None and not since["body"]:
            return Export(what="positions", since=since["date"].strip()[:100], format=fmt)
        if not argument:
            return Export(what="positions", format=fmt)
    raise BadCommand(
        "Export what?",
        hint="Try: export board ceasefire, export history putin on ceasefire json, "
        "or export positions since 1 March 2025",
    )
