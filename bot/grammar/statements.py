"""Statements typed on one line (quick add), web addresses, and pasted articles."""

import re
from urllib.parse import urlsplit

from bot.errors import BadCommand, InputTooLong
from bot.grammar.commands import AddStatement, Ingest
from bot.grammar.conditions import parse_conditions
from bot.stances import parse_stance, stance_words

MAX_QUOTE_CHARS = 1500
ADD_EXAMPLE = 'add putin on ceasefire: opposes "We will not accept it" https://example.com/story'
STATED = "stated 12 March 2025"
CONDITIONS_EXAMPLE = "conditions: Kyiv stops mobilising; monitors on the line"
_QUICK_ADD = re.compile(
    r"^(?P<actor>.+?)\s+on\s+(?P<topic>[^:]+?)\s*:\s*(?P<stance>[^\"“”]+?)\s*"
    r"[\"“](?P<quote>.+)[\"”](?P<tail>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# After the quote, in this order, each optional: a URL, `conditions: …`, `stated <date>`.
_TAIL = re.compile(
    r"^\s*(?P<url>(?!stated\b|conditions?\s*:)\S+)?"
    r"(?:\s*\bconditions?\s*:(?P<conditions>.*?))?"
    r"(?:\s*\b(?P<stated_word>stated)\b\s*(?P<stated>[^\"“”]*?))?\s*$",
    re.IGNORECASE | re.DOTALL,
)
MAX_STATED_CHARS = 100  # longer than any date people write
MAX_CONDITIONS_CHARS = 2000


def parse_quick_add(text: str) -> AddStatement:
    """`<actor> on <topic>: <stance> "<quote>" [url] [conditions: a; b | none] [stated <date>]`.

    Without `conditions:` the statement does not say its conditions (they stay as last
    stated); `conditions: none` says there are none.
    """
    match = _QUICK_ADD.match(text.strip())
    tail = _TAIL.match(match["tail"]) if match else None
    if match is None or tail is None:
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
    url = tail["url"]
    if url is not None:
        check_url(url)
    stated = tail["stated"]
    if tail["stated_word"] and not stated:
        raise BadCommand("Stated when?", hint=f"Write it like: {ADD_EXAMPLE} {STATED}")
    return AddStatement(
        actor=match["actor"].strip(),
        topic=match["topic"].strip(),
        stance=stance,
        quote=quote,
        url=url,
        conditions=_conditions(tail["conditions"]),
        stated=stated[:MAX_STATED_CHARS] if stated else None,
    )


def _conditions(typed: str | None) -> tuple[str, ...] | None:
    if typed is None:
        return None
    if len(typed) > MAX_CONDITIONS_CHARS:
        raise BadCommand(f"The conditions are longer than {MAX_CONDITIONS_CHARS:,} characters.")
    conditions = parse_conditions(typed)
    if conditions is None:
        raise BadCommand(
            "Which conditions?",
            hint=f"Write them like: {CONDITIONS_EXAMPLE} (or conditions: none)",
        )
    return conditions


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise BadCommand(f"“{url[:60]}” isn't a web address.", hint="Give the source as https://…")


MAX_INGEST_CHARS = 200_000  # about 30,000 words: longer than any article


def parse_ingest(rest: str) -> Ingest:
    source = rest.strip()
    first, _, after = source.partition(" ")
    offline = first.casefold() == "offline" and bool(after.strip())
    if offline:  # `ingest offline <url | text>`: the offline extractor, whatever the budget
        source = after.strip()
    if not source:
        raise BadCommand("Ingest what?", hint="Give a URL, or paste the article's text.")
    if len(source) > MAX_INGEST_CHARS:
        raise InputTooLong(
            f"That text is {len(source):,} characters; the limit is {MAX_INGEST_CHARS:,}."
        )
    if " " not in source and source.casefold().startswith(("http://", "https://")):
        check_url(source)
    return Ingest(source=source, offline=offline)
