"""Which recorded positions queue alerts, and for whom (bot/alerts/queue.py), on the real store."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.alerts.follows import Follower, add_follow, follows_of, remove_follows, resolve_followed
from bot.catalog.merges import merge
from bot.catalog.names import resolve_actor, resolve_topic
from bot.exports.import_positions import plan_import, record_import
from bot.grammar import AddStatement
from bot.ingest.candidates.review import review_candidate
from bot.positions.correction_rights import Rights
from bot.positions.corrections import correct_position
from bot.positions.forms import PositionForm
from bot.positions.recording import add_statement, record_statement
from store import Alert, Position, PositionStatus, Stance
from tests.conftest import NOW

DESK = Follower("T1", "C_DESK", "channel")
ANNA = Follower("T1", "U_ANNA", "user")
MARCH_13 = datetime(2025, 3, 13, tzinfo=UTC)
# Putin's seeded position on the ceasefire: conditional support, with these four conditions.
SEEDED = "agreed with the proposals to cease hostilities"


def _follow(session: Session, follower: Follower, *, actor: str = "", topic: str = "") -> None:
    followed = resolve_followed(session, actor=actor, topic=topic)
    add_follow(session, follower=follower, followed=followed, user="U_DESK", now=NOW)


def _say(
    session: Session,
    stance: Stance,
    quote: str,
    *,
    actor: str = "putin",
    topic: str = "ceasefire",
    when: datetime = NOW,
    conditions: tuple[str, ...] = (),
) -> Position:
    statement = AddStatement(
        actor=actor, topic=topic, stance=stance, quote=quote, conditions=conditions
    )
    return add_statement(session, statement=statement, recorded_by="U_DESK", stated_at=when)


def _alerts(session: Session) -> list[tuple[str, int, str, str]]:
    rows = session.exec(select(Alert).order_by(col(Alert.id))).all()
    return [(a.target, a.position_id, a.kind, a.status) for a in rows]


def _seeded_putin(session: Session) -> Position:
    putin = resolve_actor(session, query="putin").id
    ceasefire = resolve_topic(session, query="ceasefire").id
    row = session.exec(
        select(Position).where(Position.actor_id == putin, Position.topic_id == ceasefire)
    ).one()
    return row


def test_a_shift_queues_one_alert_per_follower(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    _follow(session, ANNA, topic="ceasefire")
    _follow(session, Follower("T2", "C_OTHER", "channel"), actor="trump")
    moved = _say(session, Stance.OPPOSES, "No truce at all.")
    assert _alerts(session) == [
        ("C_DESK", moved.id, "shift", "pending"),
        ("U_ANNA", moved.id, "shift", "pending"),
    ]


def test_a_condition_change_queues_and_a_restatement_does_not(session: Session) -> None:
    _follow(session, DESK, actor="putin", topic="ceasefire")
    seeded = _seeded_putin(session)
    same = _say(
        session,
        Stance.CONDITIONAL,
        "We support it, on the same terms.",
        conditions=tuple(seeded.conditions),
    )
    assert _alerts(session) == []
    changed = _say(
        session,
        Stance.CONDITIONAL,
        "We support it if the West stops arming Kyiv.",
        conditions=("the West stops arming Kyiv",),
        when=NOW + timedelta(hours=1),
    )
    assert same.id != changed.id
    assert _alerts(session) == [("C_DESK", changed.id, "conditions", "pending")]


def test_a_first_statement_is_not_a_move(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    _say(session, Stance.OPPOSES, "Freezing the front is no answer.", topic="frozen conflict")
    assert _alerts(session) == []


def test_a_back_dated_statement_older_than_the_latest_is_history_not_news(
    session: Session,
) -> None:
    _follow(session, DESK, actor="putin")
    _say(session, Stance.OPPOSES, "No truce at all.")  # alerts: a shift from the seed
    older = _say(session, Stance.SUPPORTS, "We back it.", when=NOW - timedelta(days=30))
    assert [a for a in _alerts(session) if a[1] == older.id] == []
    assert len(_alerts(session)) == 1


def test_actor_topic_and_pair_follows_give_one_alert(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    _follow(session, DESK, topic="ceasefire")
    _follow(session, DESK, actor="putin", topic="ceasefire")
    moved = _say(session, Stance.OPPOSES, "No truce at all.")
    assert _alerts(session) == [("C_DESK", moved.id, "shift", "pending")]


def test_unfollowed_places_get_nothing(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    removed = remove_follows(session, follower=DESK, followed=None, user="U_DESK", now=NOW)
    assert removed == ["Vladimir Putin"]
    _say(session, Stance.OPPOSES, "No truce at all.")
    assert _alerts(session) == []


def test_follows_of_a_merged_actor_still_alert_and_are_listed_under_its_new_name(
    session: Session,
) -> None:
    _follow(session, DESK, actor="witkoff")
    _follow(session, ANNA, actor="witkoff", topic="ceasefire")
    _follow(session, ANNA, actor="trump", topic="ceasefire")
    merge(
        session, kind="actor", source="witkoff", target="trump", user="U", now=NOW, request_id=None
    )
    assert _alerts(session) == []  # a merge is bookkeeping, not anyone moving
    assert [f.label for f in follows_of(session, follower=DESK)] == ["Donald Trump"]
    # Anna followed both; after the merge they are the same follow, listed once.
    assert [f.label for f in follows_of(session, follower=ANNA)] == [
        "Donald Trump on US ceasefire proposal"
    ]
    moved = _say(session, Stance.OPPOSES, "Forget the ceasefire.", actor="trump")
    assert _alerts(session) == [
        ("C_DESK", moved.id, "shift", "pending"),
        ("U_ANNA", moved.id, "shift", "pending"),
    ]
    # The old name still reaches the follow: it is an alias of the one it became.
    followed = resolve_followed(session, actor="witkoff", topic="")
    assert remove_follows(session, follower=DESK, followed=followed, user="U", now=NOW) == [
        "Donald Trump"
    ]


def test_follows_of_a_merged_topic_still_alert(session: Session) -> None:
    _follow(session, DESK, topic="kursk truce")
    merge(
        session,
        kind="topic",
        source="kursk truce",
        target="ceasefire",
        user="U",
        now=NOW,
        request_id=None,
    )
    assert _alerts(session) == []
    assert [f.label for f in follows_of(session, follower=DESK)] == ["topic US ceasefire proposal"]
    moved = _say(session, Stance.OPPOSES, "No truce at all.")
    assert _alerts(session) == [("C_DESK", moved.id, "shift", "pending")]


def _candidate(session: Session, *, topic: str = "ceasefire") -> Position:
    return record_statement(
        session,
        actor_id=resolve_actor(session, query="putin").id,
        topic_id=resolve_topic(session, query=topic).id,
        stance=Stance.OPPOSES,
        quotes=["There will be no ceasefire."],
        recorded_by="ingest",
        stated_at=NOW,
        status=PositionStatus.PROPOSED,
    )


def test_a_proposed_position_queues_nothing_until_it_is_confirmed(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    candidate = _candidate(session)
    assert _alerts(session) == []
    confirmed = review_candidate(session, position_id=candidate.id or 0, confirm=True, user="U")
    assert _alerts(session) == [("C_DESK", confirmed.id, "shift", "pending")]


def test_a_discarded_candidate_queues_nothing(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    candidate = _candidate(session)
    review_candidate(session, position_id=candidate.id or 0, confirm=False, user="U")
    assert _alerts(session) == []


def test_a_candidate_confirmed_on_a_topic_or_a_date_queues_for_what_it_became(
    session: Session,
) -> None:
    _follow(session, DESK, topic="ceasefire")
    on_topic = review_candidate(
        session,
        position_id=_candidate(session, topic="frozen conflict").id or 0,
        confirm=True,
        user="U",
        topic="ceasefire",
    )
    assert _alerts(session) == [("C_DESK", on_topic.id, "shift", "pending")]
    trump_candidate = record_statement(
        session,
        actor_id=resolve_actor(session, query="trump").id,
        topic_id=resolve_topic(session, query="ceasefire").id,
        stance=Stance.UNDECIDED,
        quotes=["We will see."],
        recorded_by="ingest",
        stated_at=MARCH_13,
        status=PositionStatus.PROPOSED,
    )
    dated = review_candidate(
        session,
        position_id=trump_candidate.id or 0,
        confirm=True,
        user="U",
        stated_at=NOW,
    )
    assert dated.id != trump_candidate.id
    assert _alerts(session)[1:] == [("C_DESK", dated.id, "shift", "pending")]


def test_a_correction_fixes_the_record_and_queues_nothing(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    seeded = _seeded_putin(session)
    form = PositionForm(
        actor="Vladimir Putin",
        topic="US ceasefire proposal",
        stance="opposes",
        quote=seeded.quotes[0],
        stated_on=MARCH_13.date(),
    )
    corrected = correct_position(
        session,
        position_id=seeded.id or 0,
        form=form,
        reason="misread the stance",
        rights=Rights(user="U_EDITOR", approver=True, window=timedelta(days=9999)),
        now=NOW,
        zone=ZoneInfo("UTC"),
    )
    assert corrected.stance is Stance.OPPOSES
    assert _alerts(session) == []


def test_an_import_queues_nothing(session: Session) -> None:
    _follow(session, DESK, actor="putin")
    csv = (
        "actor,topic,stance,quotes,stated_on\n"
        "Vladimir Putin,US ceasefire proposal,opposes,No truce at all.,2026-11-20\n"
    )
    plan = plan_import(session, text=csv, zone=ZoneInfo("UTC"), now=NOW)
    assert plan.skipped == []
    recorded = record_import(session, plan=plan, user="U", file_name="a.csv", request_id="r")
    assert [p.stance for p in recorded] == [Stance.OPPOSES]
    assert _alerts(session) == []


def test_a_seeded_quote_is_what_the_seed_says(session: Session) -> None:
    # Guards the fixtures above: they rest on the seed's Putin position.
    assert _seeded_putin(session).quotes[0].startswith(SEEDED)
