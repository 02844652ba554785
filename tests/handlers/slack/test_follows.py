"""Follows in Slack: a channel's follows, a person's own (in a DM), per workspace, audited."""

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import AuditEvent, Follow
from tests.handlers.slack.blockkit import assert_valid_blocks
from tests.handlers.slack.conftest import BotServer

DESK = "C0DESK"
DM = "D0ALICE"
ALICE = "U0ALICE"


def say(bot: BotServer, text: str, **fields: str) -> str:
    """The private answer's text to a signed `/stance <text>`."""
    reply = bot.command(text, **fields)
    assert reply.status == 200
    assert_valid_blocks(reply.json["blocks"])
    return str(reply.json["text"])


def follows(engine: Engine) -> list[tuple[str, str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(Follow).order_by(col(Follow.id))).all()
        return [(f.team_id, f.target, f.target_kind, f.subject) for f in rows]


def audited(engine: Engine, action: str) -> list[dict[str, str]]:
    with Session(engine) as session:
        rows = session.exec(
            select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))
        ).all()
        return [{**row.detail, "user": row.user} for row in rows]


def test_a_channel_follows_an_actor_a_topic_and_a_pair(bot: BotServer, engine: Engine) -> None:
    assert "This channel now follows Vladimir Putin" in say(bot, "follow putin")
    assert "now follows topic US ceasefire proposal" in say(bot, "follow topic ceasefire")
    assert "now follows Donald Trump on US ceasefire proposal" in say(
        bot, "follow trump on ceasefire"
    )
    listed = say(bot, "following")
    assert listed.startswith("This channel follows: Vladimir Putin; topic US ceasefire proposal")
    assert "Donald Trump on US ceasefire proposal" in listed
    assert [(team, target, kind) for team, target, kind, _ in follows(engine)] == [
        ("T0FAKE", DESK, "channel")
    ] * 3
    assert [a["follows"] for a in audited(engine, "follow.added")] == [
        "Vladimir Putin",
        "topic US ceasefire proposal",
        "Donald Trump on US ceasefire proposal",
    ]


def test_following_the_same_thing_twice_changes_nothing(bot: BotServer, engine: Engine) -> None:
    say(bot, "follow putin")
    assert "already follows Vladimir Putin; nothing changed" in say(bot, "follow Vladimir Putin")
    assert len(follows(engine)) == 1
    assert len(audited(engine, "follow.added")) == 1


def test_in_a_dm_the_follows_are_the_persons_own(bot: BotServer, engine: Engine) -> None:
    say(bot, "follow putin")  # the desk channel's
    reply = bot.command("follow putin", channel_id=DM, user_id=ALICE).json
    assert reply["text"] == "🔔 You now follow Vladimir Putin."
    assert "Alerts come in your DM with Standpoint" in str(reply["blocks"])
    assert say(bot, "following", channel_id=DM, user_id=ALICE) == "You follow: Vladimir Putin"
    # Alice's follows are hers, not another DM's nor the channel's.
    assert "nothing yet" in say(bot, "following", channel_id="D0BOB", user_id="U0BOB")
    assert sorted(follows(engine)) == [
        ("T0FAKE", DESK, "channel", "actor:1"),
        ("T0FAKE", ALICE, "user", "actor:1"),
    ]


def test_follows_are_per_workspace(bot: BotServer, engine: Engine) -> None:
    say(bot, "follow putin", team_id="T0OTHER")
    assert "nothing yet" in say(bot, "following")  # the same channel id, another workspace
    assert "Vladimir Putin" in say(bot, "following", team_id="T0OTHER")
    assert "already follows" not in say(bot, "follow putin")
    assert {team for team, *_ in follows(engine)} == {"T0FAKE", "T0OTHER"}


def test_unfollow_one_thing_then_everything(bot: BotServer, engine: Engine) -> None:
    for what in ("putin", "topic ceasefire", "trump on ceasefire"):
        say(bot, f"follow {what}")
    say(bot, "follow ukraine", channel_id=DM, user_id=ALICE)
    assert "no longer follows Vladimir Putin" in say(bot, "unfollow putin")
    assert "doesn't follow Vladimir Putin; nothing changed" in say(bot, "unfollow putin")
    assert "Unfollowed 2" in say(bot, "unfollow all")
    assert "nothing yet" in say(bot, "following")
    assert follows(engine) == [("T0FAKE", ALICE, "user", "actor:3")]  # Alice's DM is untouched
    removed = audited(engine, "follow.removed")
    assert [(a["follows"], a["user"]) for a in removed] == [
        ("Vladimir Putin", "U0REPORTER"),
        ("topic US ceasefire proposal", "U0REPORTER"),
        ("Donald Trump on US ceasefire proposal", "U0REPORTER"),
    ]


def test_an_unknown_name_gets_did_you_mean(bot: BotServer, engine: Engine) -> None:
    assert "Did you mean “Vladimir Putin”" in say(bot, "follow Vladimir Zelensky")
    assert "Did you mean “Donald Trump”" in say(bot, "follow trumpet on ceasefire")
    assert follows(engine) == []
    assert audited(engine, "follow.added") == []
