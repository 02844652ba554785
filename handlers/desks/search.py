"""Full-text search over what was said."""

from datetime import datetime

from bot.grammar import Search
from bot.search import read_terms, search
from handlers.blocks import Message, Pager, as_of_question, search_message
from handlers.desks.upkeep import UpkeepDesk, desk_as_of
from store import unit_of_work


class SearchDesk(UpkeepDesk):
    """Search one database."""

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
        as_of = desk_as_of(self.settings, command.as_of, now=now)
        with unit_of_work(self.engine) as session:
            page = search(session, terms=terms, as_of=as_of, page=command.page)
        pager = Pager(
            command=self.settings.command,
            question=as_of_question(f"search {command.words}", as_of),
        )
        return search_message(shown=terms.shown(), page=page, as_of=as_of, pager=pager)
