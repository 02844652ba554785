"""Follows, quiet hours and charts: `follow`, `unfollow`, `following`, `quiet`, `chart`."""

import re

from bot.errors import BadCommand
from bot.grammar.commands import ChartRequest, FollowChange, Following, QuietCommand

_ON = re.compile(r"\s+on\s+", re.IGNORECASE)
_TOPIC_WORD = re.compile(r"^topic(?:\s+|$)", re.IGNORECASE)
_FOLLOW_HINT = "Try: follow putin, follow topic ceasefire or follow putin on ceasefire"
_CHART_HINT = "Try: chart putin on ceasefire, or chart topic ceasefire"


def parse_follow(verb: str, rest: str) -> FollowChange:
    """`follow <actor>`, `follow topic <topic>`, `follow <actor> on <topic>`; `unfollow all`."""
    text = rest.strip()
    if verb == "unfollow" and text.casefold() in {"all", "everything"}:
        return FollowChange(verb=verb, everything=True)
    actor, topic = _subject(text)
    if not (actor or topic):
        hint = _FOLLOW_HINT if verb == "follow" else _FOLLOW_HINT.replace("follow", "unfollow")
        raise BadCommand(f"{verb.capitalize()} whom, or which topic?", hint=hint)
    return FollowChange(verb=verb, actor=actor[:200], topic=topic[:200])


def parse_following(rest: str) -> Following:
    """`following` takes nothing after it."""
    if rest.strip():
        raise BadCommand(
            "“following” lists this channel's follows; it takes nothing after it.",
            hint="To follow someone: follow putin",
        )
    return Following()


def parse_quiet(rest: str) -> QuietCommand:
    """`quiet`, `quiet off`, `quiet 22:00-07:00 [zone]` (times: bot.alerts.quiet_hours)."""
    return QuietCommand(argument=" ".join(rest.split())[:100])


def parse_chart(rest: str) -> ChartRequest:
    """`chart <actor> on <topic>` or `chart topic <topic>`."""
    actor, topic = _subject(rest.strip())
    if not topic:
        raise BadCommand("Chart which topic?", hint=_CHART_HINT)
    return ChartRequest(topic=topic[:200], actor=actor[:200])


def _subject(text: str) -> tuple[str, str]:
    """(actor, topic): `topic X` is a topic, `A on T` a pair, anything else an actor."""
    if _TOPIC_WORD.match(text):
        return "", _TOPIC_WORD.sub("", text, count=1).strip()
    parts = _ON.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return text, ""
