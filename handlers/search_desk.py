"""Full-text search over what was said."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from bot.dates import parse_as_of
from bot.grammar import Search
from bot.search import read_terms, search
from bot.settings import Settings
from handlers.blocks import Message
from handlers.blocks.paging import Pager, as_of_question
from handlers.blocks.search import search_message
from store import unit_of_work


class SearchDesk:
    """Search one database."""

    def __init__(
        self, *, engine: Engine, settings: Settings, is_approver: Callable[[str], bool]
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.is_approver = is_approver

    def run(
        self,
        command: Search,
        *,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Answer one search command: a page of hits, best first."""
        terms = read_terms(command.words)
        as_of = (
            parse_as_of(
                command.as_of,
                zone=self.settings.zone,
                now=now,
                date_order=self.settings.date_order,
            )
            if command.as_of
            else None
        )
        with unit_of_work(self.engine) as session:
            page = search(session, terms=terms, as_of=as_of, page=command.page)
        pager = Pager(
            command=self.settings.command,
            question=as_of_question(f"search {command.words}", as_of),
        )
        return search_message(shown=terms.shown(), page=page, as_of=as_of, pager=pager)
