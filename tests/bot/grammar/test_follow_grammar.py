"""The follow, unfollow, following, quiet and chart grammar (bot/grammar/follow_verbs.py)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import BadCommand, InputTooLong, UserError
from bot.grammar import ChartRequest, Command, FollowChange, Following, QuietCommand, parse_command


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("follow putin", FollowChange(verb="follow", actor="putin")),
        ("FOLLOW  Putin", FollowChange(verb="follow", actor="Putin")),
        ("follow topic ceasefire", FollowChange(verb="follow", topic="ceasefire")),
        ("follow Topic the truce", FollowChange(verb="follow", topic="the truce")),
        (
            "follow putin on ceasefire",
            FollowChange(verb="follow", actor="putin", topic="ceasefire"),
        ),
        (
            "follow Donald Trump ON attack on us allies",
            FollowChange(verb="follow", actor="Donald Trump", topic="attack on us allies"),
        ),
        ("unfollow putin", FollowChange(verb="unfollow", actor="putin")),
        ("unfollow topic ceasefire", FollowChange(verb="unfollow", topic="ceasefire")),
        ("unfollow all", FollowChange(verb="unfollow", everything=True)),
        ("unfollow Everything", FollowChange(verb="unfollow", everything=True)),
        ("following", Following()),
        ("quiet", QuietCommand()),
        ("quiet off", QuietCommand(argument="off")),
        ("quiet  22:00 -  07:00   CET", QuietCommand(argument="22:00 - 07:00 CET")),
        ("chart putin on ceasefire", ChartRequest(actor="putin", topic="ceasefire")),
        ("chart topic ceasefire", ChartRequest(topic="ceasefire")),
    ],
)
def test_follow_commands_as_typed(typed: str, expected: Command) -> None:
    assert parse_command(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says", "hint"),
    [
        ("follow", "Follow whom, or which topic?", "follow putin"),
        ("unfollow", "Unfollow whom, or which topic?", "unfollow putin"),
        ("follow topic", "Follow whom, or which topic?", "follow topic ceasefire"),
        ("unfollow topic", "Unfollow whom, or which topic?", "unfollow topic ceasefire"),
        ("following putin", "takes nothing after it", "follow putin"),
        ("chart putin", "Chart which topic?", "chart putin on ceasefire"),
        ("chart topic", "Chart which topic?", "chart topic ceasefire"),
        ("chart", "Chart which topic?", "chart topic ceasefire"),
    ],
)
def test_incomplete_follow_commands_say_what_is_missing(typed: str, says: str, hint: str) -> None:
    with pytest.raises(BadCommand) as refused:
        parse_command(typed)
    assert says in refused.value.message
    assert hint in (refused.value.hint or "")


def test_control_and_bidi_characters_are_dropped_from_names() -> None:
    parsed = parse_command("follow \u202eput\x00in\x1b\u200f on cease\u2066fire")
    assert parsed == FollowChange(verb="follow", actor="putin", topic="ceasefire")


def test_a_100_kb_follow_is_refused_by_the_length_check() -> None:
    with pytest.raises(InputTooLong):
        parse_command("follow " + "x" * 100_000)


_VERBS = st.sampled_from(["follow", "unfollow", "following", "quiet", "chart", "FOLLOW"])
_NOISE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.text(alphabet=" \t\n\u202e\u2066\u200f\x00\x1b-–:onticpa", max_size=60)


@settings(max_examples=500, deadline=None)
@given(verb=_VERBS, rest=_NOISE)
def test_arbitrary_text_after_a_follow_verb_parses_or_is_a_user_error(verb: str, rest: str) -> None:
    try:
        parsed = parse_command(f"{verb} {rest}")
    except UserError as refused:
        message = refused.message
        assert message
        return
    if isinstance(parsed, FollowChange):
        assert parsed.everything or parsed.actor or parsed.topic
        assert len(parsed.actor) <= 200
        assert len(parsed.topic) <= 200
    if isinstance(parsed, ChartRequest):
        assert parsed.topic


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüßАБВ'.-", min_size=1, max_size=12)
_NAME = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)


def _plain(name: str) -> bool:
    words = name.casefold().split()
    return "on" not in words and words[0] not in {"topic", "all", "everything"}


@settings(max_examples=300, deadline=None)
@given(actor=_NAME.filter(_plain), topic=_NAME.filter(_plain))
def test_names_round_trip_through_every_form(actor: str, topic: str) -> None:
    assert parse_command(f"follow {actor}") == FollowChange(verb="follow", actor=actor)
    assert parse_command(f"unfollow topic {topic}") == FollowChange(verb="unfollow", topic=topic)
    assert parse_command(f"follow {actor} on {topic}") == FollowChange(
        verb="follow", actor=actor, topic=topic
    )
    assert parse_command(f"chart {actor} on {topic}") == ChartRequest(actor=actor, topic=topic)
    assert parse_command(f"chart topic {topic}") == ChartRequest(topic=topic)
