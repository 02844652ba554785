"""Problems found with ingest candidates: stored with the candidate, shown with it, and
checked before it is confirmed (a candidate with one is edited or discarded, never confirmed).
"""

from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from bot.errors import UserError
from bot.ingest.speaker_lock import Problem, SpeakerLock, Tracked
from store import Actor, ActorAlias, ActorKind, CandidateProblem

MAX_MESSAGE = 500  # candidate_problem.message


def speaker_lock(session: Session, *, text: str, speakers: Iterable[str]) -> SpeakerLock:
    """The lock for one article, knowing every tracked actor and the candidates' speakers."""
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in session.exec(select(ActorAlias.actor_id, ActorAlias.alias)):
        aliases.setdefault(actor_id, []).append(alias)
    tracked = [
        Tracked(actor.name, tuple(aliases.get(actor.id or 0, ())), actor.kind == ActorKind.PERSON)
        for actor in session.exec(select(Actor).where(col(Actor.merged_into_id).is_(None)))
    ]
    return SpeakerLock(text, tracked, speakers=speakers)


def problems_of(session: Session, position_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each candidate's problems (messages, oldest first); candidates with none are left out."""
    found: dict[int, list[str]] = {}
    rows = session.exec(
        select(CandidateProblem)
        .where(col(CandidateProblem.position_id).in_(list(position_ids)))
        .order_by(col(CandidateProblem.id))
    )
    for row in rows:
        found.setdefault(row.position_id, []).append(row.message)
    return found


def refuse_if_problem(session: Session, position_id: int) -> None:
    """UserError naming the problem when candidate #position_id has one."""
    problems = problems_of(session, [position_id]).get(position_id)
    if problems:
        raise UserError(
            f"Candidate #{position_id} can't be confirmed as it is: {'; '.join(problems)}.",
            hint=f"Try: edit #{position_id} to choose the speaker, or discard {position_id}",
        )


def record_problem(session: Session, position_id: int, problem: Problem) -> str:
    """Store `problem` with candidate #position_id; its message, as shown."""
    message = problem.message[:MAX_MESSAGE]  # a model's speaker may be any length
    session.add(CandidateProblem(position_id=position_id, kind=problem.kind, message=message))
    return message
