"""Parse the text after the slash command into one Command. No database access here."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.errors import BadCommand, InputTooLong
from bot.stances import parse_stance, stance_words
from bot.text import MAX_COMMAND_CHARS, strip_controls
from store import Stance

MAX_QUOTE_CHARS = 1500
ADD_EXAMPLE = 'add putin on ceasefire: opposes "We will not accept it" https://example.com/story'
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
    }
)

_AS_OF = re.compile(r"^(?P<body>.*?)\s+as\s+of\s+(?P<date>.+)$", re.IGNORECASE | re.DOTALL)
_ON = re.compile(r"\s+on\s+", re.IGNORECASE)
_QUICK_ADD = re.compile(
    r"^(?P<actor>.+?)\s+on\s+(?P<topic>[^:]+?)\s*:\s*(?P<stance>[^\"“”]+?)\s*"
    r"[\"“](?P<quote>.+)[\"”]\s*(?P<url>\S+)?\s*$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class ActorQuery:
    actor: str
    as_of: str | None = None


@dataclass(frozen=True)
class PairQuery:
    actor: str
    topic: str
    as_of: str | None = None


@dataclass(frozen=True)
class TopicQuery:
    topic: str
    as_of: str | None = None


@dataclass(frozen=True)
class HistoryQuery:
    actor: str
    topic: str
    as_of: str | None = None


@dataclass(frozen=True)
class AddStatement:
    actor: str
    topic: str
    stance: Stance
    quote: str
    url: str | None = None
    summary: str = ""
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddForm:
    """`add` with no arguments: the transport asks for the fields (modal, or shell prompts)."""


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Summarize:
    topic: str


@dataclass(frozen=True)
class Ingest:
    source: str  # a URL, or the pasted article text


@dataclass(frozen=True)
class Pending:
    pass


@dataclass(frozen=True)
class Decide:
    """`approve <id>` or `reject <id> [reason]` (the text twins of the card's buttons)."""

    verb: str
    draft_id: int
    reason: str = ""


@dataclass(frozen=True)
class Audit:
    draft_id: int


@dataclass(frozen=True)
class DigestCommand:
    """`digest status|preview|now|at HH:MM [tz]|days|follow|unfollow|off|on|quiet|deadline`."""

    action: str = "status"
    argument: str = ""


@dataclass(frozen=True)
class Review:
    """`confirm <id>` / `discard <id>`: decide on a candidate position from an ingest."""

    verb: str
    position_id: int


@dataclass(frozen=True)
class NotYetAvailable:
    name: str


Command = (
    ActorQuery
    | PairQuery
    | TopicQuery
    | HistoryQuery
    | AddStatement
    | AddForm
    | Help
    | NotYetAvailable
    | Summarize
    | Ingest
    | Pending
    | Decide
    | Audit
    | Review
    | DigestCommand
)


def parse_command(text: str) -> Command:
    """The Command that `text` (what follows `/stance`) asks for, or BadCommand."""
    verb = text.strip().partition(" ")[0].casefold()
    if verb == "ingest":
        return _parse_ingest(text.strip()[len(verb) :])
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
        if not rest:
            raise BadCommand("Summarize which topic?", hint="Try: summarize ceasefire")
        return Summarize(topic=rest)
    if verb == "pending":
        return Pending()
    if verb == "digest":
        action, _, argument = rest.partition(" ")
        action = action.casefold() or "status"
        if action not in DIGEST_ACTIONS:
            raise BadCommand(
                f"“digest {action[:20]}” isn't something I can do.",
                hint="Try: digest status, digest at 07:00 Europe/London, digest follow ceasefire",
            )
        return DigestCommand(action=action, argument=argument.strip())
    if verb in {"approve", "reject", "audit", "confirm", "discard"}:
        return _parse_decision(verb, rest)
    if verb == "topic":
        body, as_of = _split_as_of(rest)
        if not body:
            raise BadCommand("Which topic?", hint="Try: topic ceasefire")
        return TopicQuery(topic=body, as_of=as_of)
    if verb == "history":
        body, as_of = _split_as_of(rest)
        actor, topic = _split_on(body)
        if not topic:
            raise BadCommand(
                "History needs an actor and a topic.", hint="Try: history putin on ceasefire"
            )
        return HistoryQuery(actor=actor, topic=topic, as_of=as_of)
    body, as_of = _split_as_of(cleaned)
    actor, topic = _split_on(body)
    if topic:
        return PairQuery(actor=actor, topic=topic, as_of=as_of)
    return ActorQuery(actor=actor, as_of=as_of)


def parse_quick_add(text: str) -> AddStatement:
    """`<actor> on <topic>: <stance> "<quote>" [url]` as an AddStatement."""
    match = _QUICK_ADD.match(text.strip())
    if match is None:
        raise BadCommand("I couldn't read that statement.", hint=f"Write it like: {ADD_EXAMPLE}")
    stance = parse_stance(match["stance"])
    if stance is None:
        raise BadCommand(
            f"“{match['stance'][:40]}” isn't a stance.", hint=f"Use one of: {stance_words()}."
        )
    quote = match["quote"].strip()
    if not quote:
        raise BadCommand("The quote is empty.", hint="Paste the words exactly as they were said.")
    if len(quote) > MAX_QUOTE_CHARS:
        raise BadCommand(f"The quote is longer than {MAX_QUOTE_CHARS:,} characters.")
    url = match["url"]
    if url is not None:
        check_url(url)
    return AddStatement(
        actor=match["actor"].strip(),
        topic=match["topic"].strip(),
        stance=stance,
        quote=quote,
        url=url,
    )


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise BadCommand(f"“{url[:60]}” isn't a web address.", hint="Give the source as https://…")


MAX_INGEST_CHARS = 200_000  # about 30,000 words: longer than any article


def _parse_ingest(rest: str) -> Ingest:
    source = rest.strip()
    if not source:
        raise BadCommand("Ingest what?", hint="Give a URL, or paste the article's text.")
    if len(source) > MAX_INGEST_CHARS:
        raise InputTooLong(
            f"That text is {len(source):,} characters; the limit is {MAX_INGEST_CHARS:,}."
        )
    if " " not in source and source.casefold().startswith(("http://", "https://")):
        check_url(source)
    return Ingest(source=source)


def _parse_decision(verb: str, rest: str) -> Decide | Audit | Review:
    number, _, reason = rest.partition(" ")
    number = number.lstrip("#")
    what = "candidate" if verb in {"confirm", "discard"} else "draft"
    if not number.isdigit() or len(number) > 12:
        raise BadCommand(f"{verb.capitalize()} which {what}?", hint=f"Try: {verb} 7")
    if verb == "audit":
        return Audit(draft_id=int(number))
    if verb in {"confirm", "discard"}:
        return Review(verb=verb, position_id=int(number))
    return Decide(verb=verb, draft_id=int(number), reason=reason.strip()[:500])


def _split_as_of(text: str) -> tuple[str, str | None]:
    match = _AS_OF.match(text)
    if match is None:
        return text.strip(), None
    return match["body"].strip(), match["date"].strip()


def _split_on(text: str) -> tuple[str, str]:
    # Split on the first " on ": topics ("attack on US allies") contain "on" more often than names.
    parts = _ON.split(text, maxsplit=1)
    if len(parts) == 1:
        return parts[0].strip(), ""
    return parts[0].strip(), parts[1].strip()
