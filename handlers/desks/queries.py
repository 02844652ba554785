"""Answer the position queries (pair, overview, board, history), one page at a time.

Every page names the question that produced it (with its date pinned), so "Show more" and
the typed `… page N` ask exactly the same thing again. A name typed as part of one tracked
name ("europe's role") is read as that name, and the answer opens by saying so.
"""

from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from bot import positions
from bot.catalog import (
    CatalogueChanged,
    Named,
    catalogue_was_current,
    resolve_actor,
    resolve_topic,
    split_actor_topic,
)
from bot.errors import UnknownName, UserError
from bot.grammar import ActorQuery, HistoryQuery, PairQuery, TopicQuery
from bot.paging import POSITIONS_PAGE_SIZE, page_of
from handlers.blocks import (
    Message,
    Pager,
    as_of_question,
    board_message,
    history_message,
    no_position_message,
    overview_message,
    pair_message,
    position_message,
    recorded_message,
    with_reading,
)
from store import Position, read_only_unit

Query = PairQuery | ActorQuery | TopicQuery | HistoryQuery


# A catalogue that changes under every attempt still gets an answer (from names just read).
ATTEMPTS = 3


def answer_checked(
    engine: Engine, query: Query, *, as_of: datetime | None, command: str
) -> Message:
    """`answer_query` in a read-only unit, from the names in memory; if the catalogue changed
    meanwhile, asked again (its names then read first). A name unknown to stale names too."""
    for attempt in range(ATTEMPTS, 0, -1):
        with read_only_unit(engine) as session:
            try:
                answer = answer_query(session, query, as_of=as_of, command=command)
            except CatalogueChanged:
                if attempt == 1:
                    raise
                continue
            except UserError:
                if attempt == 1 or catalogue_was_current(session):
                    raise
                continue
            if attempt == 1 or catalogue_was_current(session):
                return answer
    raise AssertionError("unreachable: the last attempt returns or raises")


def answer_query(
    session: Session, query: Query, *, as_of: datetime | None, command: str
) -> Message:
    """The page of the answer that `query` asks for.

    "putin ceasefire" is tried as an actor and a topic run together; a name that does not
    resolve answers with its choices, each as the same question asked again with it.
    """
    read: list[Named] = []
    try:
        return with_reading(
            _answer(session, query, as_of=as_of, command=command, read=read), names=read
        )
    except UnknownName as error:
        if isinstance(query, ActorQuery):
            split = split_actor_topic(session, text=query.actor)
            if split is not None:
                pair = PairQuery(actor=split[0], topic=split[1], as_of=query.as_of, page=query.page)
                read.clear()
                answer = _answer(session, pair, as_of=as_of, command=command, read=read)
                return with_reading(answer, names=read)
        error.questions = [
            as_of_question(_asked_with(query, kind=error.kind, name=choice), as_of)
            for choice in error.choices
        ]
        if isinstance(query, ActorQuery) and (topics := _as_topics(session, query.actor)):
            # "/stance ceasefire": a topic typed alone is offered as its board (or, for a word
            # two topics share, both boards) rather than people whose names look alike.
            error.choices = topics
            error.questions = [as_of_question(f"topic {topic}", as_of) for topic in topics]
        if not error.hint and not error.ambiguous:
            error.hint = (
                f"Try: {command} putin on ceasefire, or {command} {error.kind}s "
                f"for what is tracked."
            )
        raise


def _as_topics(session: Session, text: str) -> list[str]:
    try:
        return [resolve_topic(session, query=text, partial=True).name]
    except UnknownName as error:
        return list(error.choices) if error.ambiguous else []
    except UserError:
        return []


def _asked_with(query: Query, *, kind: str, name: str) -> str:
    """`query` as typed, with `name` in place of the actor or topic that did not resolve."""
    match query:
        case PairQuery():
            if kind == "actor":
                return f"{name} on {query.topic}"
            return f"{query.actor} on {name}"
        case ActorQuery():
            return name
        case TopicQuery():
            return f"topic {name}"
        case HistoryQuery():
            if kind == "actor":
                return f"history {name} on {query.topic}"
            return f"history {query.actor} on {name}"


def _answer(
    session: Session, query: Query, *, as_of: datetime | None, command: str, read: list[Named]
) -> Message:
    """The answer page; the names it resolved are added to `read`."""
    match query:
        case PairQuery():
            actor = _noted(read, resolve_actor(session, query=query.actor, partial=True))
            topic = _noted(read, resolve_topic(session, query=query.topic, partial=True))
            own, spoken = positions.pair_positions(
                session, actor_id=actor.id, topic_id=topic.id, as_of=as_of
            )
            found = [own, *spoken] if own is not None else spoken
            if not found:
                return no_position_message(actor=actor.name, topic=topic.name, as_of=as_of)
            return pair_message(
                actor=actor.name,
                topic=topic.name,
                page=page_of(found, number=query.page, size=POSITIONS_PAGE_SIZE),
                as_of=as_of,
                pager=_pager(f"{query.actor} on {query.topic}", as_of=as_of, command=command),
            )
        case ActorQuery():
            actor = _noted(read, resolve_actor(session, query=query.actor, partial=True))
            overview = positions.actor_overview(session, actor_id=actor.id, as_of=as_of)
            voiced = positions.spoken_for_others(session, speaker_id=actor.id, as_of=as_of)
            return overview_message(
                actor=actor.name,
                description=actor.description,
                page=page_of([*overview, *voiced], number=query.page),
                as_of=as_of,
                pager=_pager(query.actor, as_of=as_of, command=command),
            )
        case TopicQuery():
            topic = _noted(read, resolve_topic(session, query=query.topic, partial=True))
            board = positions.topic_board_page(
                session, topic_id=topic.id, as_of=as_of, number=query.page
            )
            return board_message(
                topic=topic.name,
                page=board,
                as_of=as_of,
                pager=_pager(f"topic {query.topic}", as_of=as_of, command=command),
            )
        case HistoryQuery():
            actor = _noted(read, resolve_actor(session, query=query.actor, partial=True))
            topic = _noted(read, resolve_topic(session, query=query.topic, partial=True))
            timeline = positions.history(
                session, actor_id=actor.id, topic_id=topic.id, as_of=as_of, page=query.page
            )
            return history_message(
                actor=actor.name,
                topic=topic.name,
                page=timeline,
                as_of=as_of,
                pager=_pager(
                    f"history {query.actor} on {query.topic}", as_of=as_of, command=command
                ),
            )


def _noted(read: list[Named], named: Named) -> Named:
    read.append(named)
    return named


def _pager(question: str, *, as_of: datetime | None, command: str) -> Pager:
    return Pager(command=command, question=as_of_question(question, as_of))


def recorded_answer(session: Session, *, position: Position) -> Message:
    """'Recorded as #8', then where the pair stands now (which may be an earlier statement:
    an unclear remark or an older quote does not move it)."""
    latest = positions.latest_position(
        session, actor_id=position.actor_id, topic_id=position.topic_id
    )
    assert position.id is not None
    assert latest is not None
    return recorded_message(
        position_id=position.id, answer=position_message(latest, as_of=None), shown_id=latest.id
    )
