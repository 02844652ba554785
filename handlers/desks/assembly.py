"""Build the desks a transport needs, the same way for the shell, `serve` and `digest tick`."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from bot.settings import Settings
from handlers.desks.commands import Dispatcher
from handlers.desks.digests.desk import DigestDesk
from handlers.desks.drafts import CardPoster, DraftDesk, make_llm


@dataclass(frozen=True)
class Desks:
    drafts: DraftDesk
    digests: DigestDesk
    dispatcher: Dispatcher


def assemble(
    *,
    engine: Engine,
    settings: Settings,
    poster: CardPoster,
    is_approver: Callable[[str], bool],
    is_admin: Callable[[str], bool] | None = None,
    on_schedule_change: Callable[[], None] | None = None,
    observe_llm: Callable[[float, str | None], None] | None = None,
) -> Desks:
    """The drafts and digest desks on one poster, and a dispatcher that routes to them.
    `is_admin`: who may change the workspace's settings besides its approvers."""
    llm = make_llm(settings, observe=observe_llm)
    drafts = DraftDesk(
        engine=engine, settings=settings, poster=poster, is_approver=is_approver, llm=llm
    )
    digests = DigestDesk(
        engine=engine,
        settings=settings,
        drafts=drafts,
        poster=poster,
        llm=llm,
        on_change=on_schedule_change,
    )
    dispatcher = Dispatcher(
        engine=engine,
        settings=settings,
        desk=drafts,
        digests=digests,
        is_approver=is_approver,
        is_admin=is_admin,
    )
    return Desks(drafts=drafts, digests=digests, dispatcher=dispatcher)
