"""The offline drafter always passes its own evidence lock: on generated stores, and on the
seed for every topic."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.drafts.drafting import offline_summary
from bot.drafts.evidence import Evidence, check_claims
from bot.drafts.evidence.gather import gather, names_by_actor
from bot.drafts.summaries import summarize
from bot.positions.views import Change, ChangeKind, PositionView
from store import Stance, Topic, unit_of_work

ACTORS = {
    "Emmanuel Macron": ("Emmanuel Macron", "Macron", "French President"),
    "Ursula von der Leyen": ("Ursula von der Leyen", "von der Leyen"),
    "World Health Organization": ("World Health Organization", "WHO"),
    "Keir Starmer": ("Keir Starmer", "Starmer", "Prime Minister"),
    "Mary O'Neill": ("Mary O'Neill", "O'Neill"),
}
# Words a reporter's summary or a quote may hold, the awkward ones on purpose: other names,
# numbers, stance words, marks, questions, clauses, markup.
WORDS = st.sampled_from(
    [
        "tariffs", "rejects", "backs", "supports", "the", "plan", "30-day", "90", "Vienna",
        "unconditionally", "guaranteed", "if", "but", "only", "NATO", "March", "yesterday",
        "“very", "good”", '"fair', 'offer"', "'close'", "«non»", "we", "will", "not", "accept",
        "it", "what", "does", "that", "mean?", "It", "is", "clear.", "Macron", "Starmer", ";",
        "—", "*bold*", "<!channel>", "[#3]", "#4", "U.S.", "e.g.", "1.5", "half", "twice",
    ]
)  # fmt: skip
TEXT = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)
POSITION = st.tuples(
    st.sampled_from(list(ACTORS)),
    st.sampled_from(list(Stance)),
    TEXT,
    st.lists(TEXT, max_size=3),
    st.lists(TEXT, max_size=3),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 12, 31)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(POSITION, min_size=1, max_size=6))
def test_the_offline_drafter_passes_its_own_check_on_any_store(rows: list[tuple]) -> None:  # type: ignore[type-arg]
    views, evidence = [], {}
    for number, (actor, stance, summary, quotes, conditions, when) in enumerate(rows, start=1):
        stated = when.replace(tzinfo=UTC)
        views.append(
            PositionView(
                id=number,
                actor=actor,
                topic="Trade deal",
                stance=stance,
                summary=summary,
                conditions=tuple(conditions),
                quotes=tuple(quotes),
                stated_at=stated,
                recorded_by="test",
                recorded_at=stated,
                outlet="Wire",
                url=None,
                title=None,
                speaker=None,
                change=Change(kind=ChangeKind.FIRST),
            )
        )
        evidence[number] = Evidence(
            position_id=number,
            actor=actor,
            actor_names=ACTORS[actor],
            topic_names=("Trade deal", "trade"),
            stance=stance,
            summary=summary,
            conditions=tuple(conditions),
            quotes=tuple(quotes),
            stated_at=stated,
            outlet="Wire",
        )
    draft = offline_summary(topic="Trade deal", views=views, evidence=evidence, actor_names=ACTORS)
    assert len(draft.claims) == len(views)
    assert check_claims(draft.claims, evidence=evidence, actor_names=ACTORS) == []


def test_the_offline_drafter_passes_on_the_seed_for_every_topic(engine: Engine) -> None:
    with Session(engine) as session:
        topics = [t.name for t in session.exec(select(Topic)).all()]
    assert len(topics) >= 5
    now = datetime(2026, 11, 25, tzinfo=UTC)
    for topic in topics:
        with unit_of_work(engine) as session:
            draft = summarize(
                session,
                topic_query=topic,
                llm=None,
                requested_by="test",
                channel_id=None,
                now=now,
                ttl=timedelta(hours=1),
            )
            assert draft.problems == [], (topic, draft.problems)
            assert draft.claims, topic
            evidence = gather(session, position_ids=draft.evidence_ids)
            assert evidence
            assert names_by_actor(session)
