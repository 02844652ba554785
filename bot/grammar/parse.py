"""Parse the text after the slash command into one Command. No database access here."""

import re

from bot.errors import BadCommand, InputTooLong
from bot.grammar.commands import (
    ActorQuery,
    AddForm,
    Command,
    Decide,
    DigestCommand,
    EditDraft,
    Help,
    HistoryQuery,
    NotYetAvailable,
    PairQuery,
    Pending,
    RetryDraft,
    Review,
    Summarize,
    TopicQuery,
)
from bot.grammar.desk_verbs import (
    parse_alias,
    parse_assign,
    parse_audit,
    parse_correction,
    parse_export,
    parse_list,
    parse_merge,
    parse_number,
    parse_search,
    split_as_of,
)
from bot.grammar.follow_verbs import parse_chart, parse_follow, parse_following, parse_quiet
from bot.grammar.natural import read_natural, strip_question_mark
from bot.grammar.settings_verbs import parse_settings
from bot.grammar.statements import parse_ingest, parse_quick_add
from bot.paging import only_page, split_page
from bot.stances import parse_stance, stance_words
from bot.text import MAX_COMMAND_CHARS, strip_controls

LATER_COMMANDS: frozenset[str] = frozenset()
DIGEST_ACTIONS = frozenset(
    {
        "status",
        "preview",
        "now",
        "at",
        "days",
        "follow",
        "unfollow",
        "off",
        "on",
        "quiet",
        "deadline",
        "chart",
    }
)

_ON = re.compile(r"\s+on\s+", re.IGNORECASE)
_CONFIRM_EXTRA = re.compile(
    r"(?:as\s+(?P<stance>.+?)(?=\s+on\s|\s+stated\s|$))?\s*"
    r"(?:\bon\s+(?P<topic>.+?))?\s*(?:\bstated\s+(?P<date>.+))?",
    re.IGNORECASE | re.DOTALL,
)
_CONFIRM_PARTS = {"as": "as opposes", "on": "on truce", "stated": "stated 13 March 2025"}


def parse_command(text: str) -> Command:
    """The Command that `text` (what follows `/stance`) asks for, or BadCommand."""
    verb = text.strip().partition(" ")[0].casefold()
    if verb == "ingest":
        return parse_ingest(text.strip()[len(verb) :])
    if len(text) > MAX_COMMAND_CHARS:
        raise InputTooLong(
            f"That command is {len(text):,} characters long; the limit is {MAX_COMMAND_CHARS:,}.",
            hint="Ask about one actor or topic at a time.",
        )
    cleaned = " ".join(strip_controls(text).split())
    if not cleaned:
        return Help()
    verb, _, rest = cleaned.partition(" ")
    verb = verb.casefold()
    if verb == "help":
        return Help()
    if verb in LATER_COMMANDS:
        return NotYetAvailable(name=verb)
    if verb == "add":
        return parse_quick_add(rest) if rest else AddForm()
    if verb in {"summarize", "summarise"}:
        topic, offline = _offline_last(rest)
        if not topic:
            raise BadCommand("Summarize which topic?", hint="Try: summarize ceasefire")
        return Summarize(topic=topic, offline=offline)
    if verb == "settings":
        return parse_settings(rest)
    if verb == "pending":
        return Pending(page=only_page(rest))
    if verb == "digest":
        action, _, argument = rest.partition(" ")
        action = action.casefold() or "status"
        if action not in DIGEST_ACTIONS:
            raise BadCommand(
                f"“digest {action[:20]}” isn't something I can do.",
                hint="Try: digest status, digest at 07:00 Europe/London, digest follow ceasefire",
            )
        return DigestCommand(action=action, argument=argument.strip())
    if verb == "audit":
        return parse_audit(rest)
    if verb in {"retract", "correct"}:
        return parse_correction(verb, rest)
    if verb == "assign":
        return parse_assign(rest)
    if verb in {"actors", "topics"}:
        return parse_list(verb, rest)
    if verb in {"alias", "unalias"}:
        return parse_alias(verb, rest)
    if verb == "merge":
        return parse_merge(rest)
    if verb == "search":
        return parse_search(rest)
    if verb == "export":
        return parse_export(rest)
    if verb in {"follow", "unfollow"}:
        return parse_follow(verb, rest)
    if verb == "following":
        return parse_following(rest)
    if verb == "quiet":
        return parse_quiet(rest)
    if verb == "chart":
        return parse_chart(rest)
    if verb in {"approve", "reject", "edit", "retry", "confirm", "discard"}:
        return _parse_decision(verb, rest)
    if verb == "topic":
        body, page = split_page(rest)
        body, as_of = split_as_of(body)
        if not body:
            raise BadCommand("Which topic?", hint="Try: topic ceasefire")
        return TopicQuery(topic=body, as_of=as_of, page=page)
    if verb == "history":
        body, page = split_page(rest)
        body, as_of = split_as_of(body)
        actor, topic = _split_on(body)
        if not topic:
            raise BadCommand(
                "History needs an actor and a topic.", hint="Try: history putin on ceasefire"
            )
        return HistoryQuery(actor=actor, topic=topic, as_of=as_of, page=page)
    body, page = split_page(strip_question_mark(cleaned))
    body, as_of = split_as_of(body)
    asked = read_natural(body)
    actor, topic = (asked.actor, asked.topic) if asked else _split_on(body)
    if topic:
        return PairQuery(actor=actor, topic=topic, as_of=as_of, page=page)
    return ActorQuery(actor=actor, as_of=as_of, page=page)


def _offline_last(rest: str) -> tuple[str, bool]:
    """`ceasefire offline` → ("ceasefire", True): the offline drafter, whatever the budget."""
    body, _, last = rest.rpartition(" ")
    if body and last.casefold() == "offline":
        return body.strip(), True
    return rest, False


def _parse_decision(verb: str, rest: str) -> Decide | EditDraft | RetryDraft | Review:
    what = "candidate" if verb in {"confirm", "discard"} else "draft"
    subject, id_number, reason = parse_number(rest, verb=verb, what=what)
    wrong = "draft" if what == "candidate" else "position"
    if subject == wrong and verb != "edit":
        shown = f"D{id_number}" if wrong == "draft" else f"#{id_number}"
        raise BadCommand(
            f"{shown} is a {wrong}; {verb} works on {what}s.",
            hint=f"Try: {verb} {'#' if what == 'candidate' else 'D'}{id_number}",
        )
    number = str(id_number)
    if verb == "edit":
        # `edit #7` is a candidate; a bare `edit 7` is whichever of the two exists.
        return EditDraft(draft_id=id_number, subject=subject)
    if verb == "retry":
        return RetryDraft(id_number)
    if verb == "confirm" and reason.strip():
        return _confirm_with(id_number, reason.strip())
    if verb in {"confirm", "discard"}:
        return Review(verb=verb, position_id=int(number))
    return Decide(verb=verb, draft_id=int(number), reason=reason.strip()[:500])


def _confirm_with(number: int, extra_text: str) -> Review:
    """`confirm 12 [as <stance>] [on <topic>] [stated <date>]`, in that order."""
    extra = _CONFIRM_EXTRA.fullmatch(extra_text)
    if extra is None or not (extra["stance"] or extra["topic"] or extra["date"]):
        first = extra_text.split(maxsplit=1)[0].casefold()
        example = _CONFIRM_PARTS.get(first, _CONFIRM_PARTS["as"] + " on truce")
        raise BadCommand(
            "After the number, confirm takes a stance, a topic and the date it was said.",
            hint=f"Try: confirm {number} {example}",
        )
    stance = None
    if extra["stance"]:
        stance = parse_stance(extra["stance"])
        if stance is None:
            raise BadCommand(
                f"“{extra['stance'][:40]}” isn't a stance.", hint=f"Use one of: {stance_words()}."
            )
    topic, date = extra["topic"], extra["date"]
    return Review(
        verb="confirm",
        position_id=number,
        stated=date.strip()[:100] if date else None,
        topic=topic.strip()[:200] if topic else None,
        stance=stance,
    )


def _split_on(text: str) -> tuple[str, str]:
    # Split on the first " on ": topics ("attack on US allies") contain "on" more often than names.
    parts = _ON.split(text, maxsplit=1)
    if len(parts) == 1:
        return parts[0].strip(), ""
    return parts[0].strip(), parts[1].strip()
