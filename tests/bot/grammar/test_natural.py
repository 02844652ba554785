"""Questions as reporters type them, read into the same queries as the grammar's."""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import UserError
from bot.grammar import ActorQuery, PairQuery, parse_command


@pytest.mark.parametrize(
    ("typed", "actor", "topic"),
    [
        ("where does putin stand on the ceasefire?", "putin", "ceasefire"),
        ("Where is Putin on the truce?", "Putin", "truce"),
        ("what did trump say about tariffs", "trump", "tariffs"),
        ("what has trump said on the attack on us allies", "trump", "attack on us allies"),
        ("what is zelensky's position on the truce", "zelensky", "truce"),
        ("what’s Putin’s stance on Kursk?", "Putin", "Kursk"),
        ("putin's view on the frozen conflict", "putin", "frozen conflict"),
        ("what is the position of the Kremlin on the ceasefire", "Kremlin", "ceasefire"),
        ("putin on ceasefire?", "putin", "ceasefire"),
    ],
)
def test_natural_questions_name_an_actor_and_a_topic(typed: str, actor: str, topic: str) -> None:
    assert parse_command(typed) == PairQuery(actor=actor, topic=topic)


def test_a_natural_question_keeps_its_date_and_page() -> None:
    asked = parse_command("where did putin stand on the ceasefire as of 13 March 2025?")
    assert asked == PairQuery(actor="putin", topic="ceasefire", as_of="13 March 2025")
    assert parse_command("what did putin say about the truce page 2") == PairQuery(
        actor="putin", topic="truce", page=2
    )


def test_a_question_without_a_topic_asks_about_the_actor() -> None:
    assert parse_command("where does putin stand?") == ActorQuery(actor="putin")
    assert parse_command("what did the Kremlin say") == ActorQuery(actor="Kremlin")


# Words that are the phrasing itself, never part of a name in these properties.
_GRAMMAR = {
    "on", "about", "regarding", "over", "of", "as", "page", "the", "stand", "standing", "stood",
    "now", "say", "said", "says", "think", "thinks", "thought", "feel", "feels", "felt",
    "stands", "position", "positions", "stance", "stances", "view", "views", "line", "take",
    "opinion", "does", "do", "did", "is", "are", "was", "were", "has", "have", "what", "where",
    "topic", "history", "add", "help", "ingest", "digest", "audit", "retract", "correct",
    "actors", "topics", "alias", "unalias", "merge", "search", "export", "approve", "reject",
    "edit", "retry", "confirm", "discard", "pending", "summarize", "summarise", "whats",
}  # fmt: skip
_WORD = st.from_regex(r"[A-Za-z][a-z]{1,9}", fullmatch=True).filter(
    lambda w: w.casefold() not in _GRAMMAR
)
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_PHRASINGS = [
    "where does {a} stand on the {t}?",
    "where is {a} on {t}",
    "what did {a} say about {t}",
    "what has {a} said on the {t}?",
    "what is {a}'s position on {t}",
    "what’s {a}’s view about the {t}",
    "{a}'s stance on {t}",
    "{a} on {t}?",
]


@given(actor=_NAME, topic=_NAME, phrasing=st.sampled_from(_PHRASINGS))
def test_every_phrasing_keeps_both_names(actor: str, topic: str, phrasing: str) -> None:
    asked = parse_command(phrasing.format(a=actor, t=topic))
    assert asked == PairQuery(actor=actor, topic=topic)


@given(st.text(max_size=300))
def test_any_text_is_a_command_or_a_user_error(text: str) -> None:
    with contextlib.suppress(UserError):
        parse_command(text)


@given(
    words=st.lists(
        st.sampled_from(["where", "what", "does", "did", "stand", "on", "the", "say", "about",
                         "'s", "position", "?", "putin", "as", "of", "page", "2", "’s"]),
        max_size=12,
    )
)  # fmt: skip
def test_the_phrasing_words_alone_never_break_the_parser(words: list[str]) -> None:
    with contextlib.suppress(UserError):
        parse_command(" ".join(words))
