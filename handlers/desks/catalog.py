"""What is tracked: lists of actors and topics, aliases and merges."""

from datetime import datetime

from bot.catalog import add_alias, kind_of, merge, remove_alias, tracked_actors, tracked_topics
from bot.errors import UserError
from bot.grammar import AliasChange, ListNames, Merge
from handlers.blocks import Message, Pager, alias_message, merge_message, tracked_message
from handlers.desks.upkeep import UpkeepDesk
from store import unit_of_work


class CatalogDesk(UpkeepDesk):
    """The actors and topics of one database."""

    def run(
        self,
        command: ListNames | AliasChange | Merge,
        *,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Answer one catalog command."""
        command_name = self.settings.command
        match command:
            case ListNames():
                return self._list(command)
            case AliasChange():
                change = add_alias if command.verb == "alias" else remove_alias
                with unit_of_work(self.engine) as session:
                    done = change(
                        session,
                        kind=kind_of(command.kind),
                        name=command.name,
                        alias=command.alias,
                        user=user,
                        request_id=request_id,
                    )
                return alias_message(done=done, command=command_name)
            case Merge():
                if not self.is_approver(user):
                    raise UserError(
                        "Only approvers may merge actors or topics.",
                        hint="Approvers are listed in STANDPOINT_APPROVERS; "
                        "ask whoever runs Standpoint.",
                    )
                with unit_of_work(self.engine) as session:
                    merged = merge(
                        session,
                        kind=command.kind,
                        source=command.source,
                        target=command.target,
                        user=user,
                        now=now,
                        request_id=request_id,
                    )
                return merge_message(done=merged, command=command_name)

    def _list(self, command: ListNames) -> Message:
        listing = tracked_topics if command.kind == "topic" else tracked_actors
        with unit_of_work(self.engine) as session:
            page = listing(session, filter=command.filter, page=command.page)
        question = f"{command.kind}s {command.filter}".strip()
        return tracked_message(
            kind=command.kind,
            filter=command.filter,
            page=page,
            pager=Pager(command=self.settings.command, question=question),
            command=self.settings.command,
        )
