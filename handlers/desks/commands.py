"""Run one `/stance` command: parse, one unit of work against the store, render a Message.

Shared by every transport so the shell and Slack answer with exactly the same blocks.
"""

import logging
import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from bot.alerts import follower_of
from bot.dates import parse_stated
from bot.errors import UserError
from bot.grammar import (
    AddForm,
    AddStatement,
    AliasChange,
    Assign,
    Audit,
    ChartRequest,
    Command,
    Correct,
    Decide,
    DigestCommand,
    EditDraft,
    Export,
    FollowChange,
    Following,
    Help,
    Ingest,
    ListNames,
    Merge,
    NotYetAvailable,
    Pending,
    QuietCommand,
    Retract,
    RetryDraft,
    Review,
    Search,
    SettingsCommand,
    Summarize,
    parse_command,
)
from bot.ingest import edits_candidate
from bot.positions import add_statement
from bot.settings import Settings
from handlers.blocks import (
    Message,
    add_form_hint,
    edit_form_hint,
    error_message,
    help_message,
    internal_error_message,
    not_yet_message,
)
from handlers.desks.assign import AssignDesk
from handlers.desks.catalog import CatalogDesk
from handlers.desks.charts import ChartDesk
from handlers.desks.corrections import CorrectionDesk
from handlers.desks.digests.desk import DigestDesk
from handlers.desks.drafts import DraftDesk
from handlers.desks.exports import ExportDesk
from handlers.desks.follows import FollowDesk
from handlers.desks.queries import answer_checked, recorded_answer
from handlers.desks.search import SearchDesk
from handlers.desks.settings import SettingsDesk
from handlers.desks.upkeep import WorkspaceDesk, desk_as_of
from store import Draft, Position, unit_of_work, utcnow

log = logging.getLogger(__name__)


class Dispatcher(WorkspaceDesk):
    """Answers commands for one database and one set of settings (each workspace's own)."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        desk: DraftDesk | None = None,
        digests: DigestDesk | None = None,
        is_approver: Callable[[str], bool] | None = None,
        is_admin: Callable[[str], bool] | None = None,
    ) -> None:
        self.engine = engine
        self.defaults = settings
        self.desk = desk
        self.digests = digests
        approver = is_approver or (lambda user: user in self.settings.approver_ids)
        self.workspace = SettingsDesk(
            engine=engine, settings=settings, is_approver=approver, is_admin=is_admin
        )
        self.corrections = CorrectionDesk(engine=engine, settings=settings, is_approver=approver)
        self.catalog = CatalogDesk(engine=engine, settings=settings, is_approver=approver)
        self.search = SearchDesk(engine=engine, settings=settings, is_approver=approver)
        self.exports = ExportDesk(engine=engine, settings=settings, is_approver=approver)
        self.follows = FollowDesk(engine=engine, settings=settings, is_approver=approver)
        self.charts = ChartDesk(engine=engine, settings=settings, is_approver=approver)
        self.assigns = AssignDesk(engine=engine, settings=settings, is_approver=approver)

    def interpret(self, text: str) -> Command | Message:
        """The command `text` asks for, or the answer explaining why it can't be read."""
        try:
            return parse_command(text)
        except UserError as error:
            return error_message(error, command=self.settings.command)

    def edits_candidate(self, edit: EditDraft) -> bool:
        """Whether `edit <id>` names an ingest candidate rather than a draft."""
        with unit_of_work(self.engine) as session:
            return edits_candidate(session, number=edit.draft_id, subject=edit.subject)

    def handle(
        self, text: str, *, user: str, request_id: str | None = None, now: datetime | None = None
    ) -> Message:
        """Parse and run `text`; never raises: bad input and bugs both become a Message."""
        command = self.interpret(text)
        if isinstance(command, Message):
            return command
        return self.execute(command, user=user, request_id=request_id, now=now)

    def execute(
        self,
        command: Command,
        *,
        user: str,
        request_id: str | None = None,
        now: datetime | None = None,
        channel_id: str | None = None,
        team_id: str | None = None,
    ) -> Message:
        """Run a parsed command (transports with forms build AddStatement themselves).

        `channel_id` and `team_id` say where it was typed (None in the shell): follows and
        digests belong to that channel, or in a DM to the person.
        """
        try:
            return self._run(
                command,
                user=user,
                request_id=request_id,
                now=now or utcnow(),
                channel_id=channel_id,
                team_id=team_id,
            )
        except UserError as error:
            return error_message(error, command=self.settings.command)
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception(
                "command failed: reference=%s command=%s user=%s request=%s",
                reference,
                type(command).__name__,
                user,
                request_id,
            )
            return internal_error_message(reference=reference)

    def _run(
        self,
        command: Command,
        *,
        user: str,
        request_id: str | None,
        now: datetime,
        channel_id: str | None = None,
        team_id: str | None = None,
    ) -> Message:
        name = self.settings.command
        match command:
            case Help():
                return help_message(command=name)
            case NotYetAvailable():
                return not_yet_message(name=command.name, command=name)
            case AddForm():
                return add_form_hint(command=name)
            case AddStatement():
                return self._add(command, user=user, request_id=request_id, now=now)
            case DigestCommand():
                if self.digests is None:
                    return not_yet_message(name="digest", command=name)
                return self.digests.handle(
                    command, channel_id=channel_id or "shell", user=user, now=now
                )
            case EditDraft() if self.edits_candidate(command):
                return edit_form_hint(draft_id=command.draft_id, candidate=True)
            case EditDraft():
                return edit_form_hint(draft_id=command.draft_id)
            case Audit():
                return self._audit(command, user=user, now=now, request_id=request_id)
            case Retract() | Correct():
                return self.corrections.run(command, user=user, now=now, request_id=request_id)
            case Assign():
                return self.assigns.run(command, now=now)
            case ListNames() | AliasChange() | Merge():
                return self.catalog.run(command, user=user, now=now, request_id=request_id)
            case Search():
                return self.search.run(command, user=user, now=now, request_id=request_id)
            case Export():
                return self.exports.run(command, user=user, now=now, request_id=request_id)
            case FollowChange() | Following() | QuietCommand():
                follower = follower_of(team_id=team_id, channel_id=channel_id, user=user)
                return self.follows.run(
                    command, follower=follower, user=user, now=now, request_id=request_id
                )
            case ChartRequest():
                return self.charts.run(command, user=user, now=now, request_id=request_id)
            case SettingsCommand():
                return self.workspace.run(command, user=user, now=now, request_id=request_id)
            case Summarize() | Pending() | Decide() | Ingest() | Review() | RetryDraft():
                return self._drafts(
                    command, user=user, request_id=request_id, now=now, channel_id=channel_id
                )
        as_of = desk_as_of(self.settings, command.as_of, now=now)
        return answer_checked(self.engine, command, as_of=as_of, command=name)

    def _audit(
        self, command: Audit, *, user: str, now: datetime, request_id: str | None
    ) -> Message:
        """`audit D7` is a draft, `audit #7` a position; a bare `7` only when just one exists."""
        subject = command.subject
        if subject is None:
            with unit_of_work(self.engine) as session:
                draft = session.get(Draft, command.number) is not None
                position = session.get(Position, command.number) is not None
            if draft and position:
                raise UserError(
                    f"There is a draft D{command.number} and a position #{command.number}.",
                    hint=f"Say which: audit D{command.number} or audit #{command.number}",
                )
            subject = "draft" if draft else "position" if position else None
            if subject is None:
                raise UserError(f"There is no draft or position {command.number}.")
        if subject == "position":
            return self.corrections.run(
                Audit(number=command.number, subject="position"),
                user=user,
                now=now,
                request_id=request_id,
            )
        if self.desk is None:
            return not_yet_message(name="drafting", command=self.settings.command)
        return self.desk.audit(command.number)

    def _drafts(
        self,
        command: Summarize | Pending | Decide | Ingest | Review | RetryDraft,
        *,
        user: str,
        request_id: str | None,
        now: datetime,
        channel_id: str | None,
    ) -> Message:
        if self.desk is None:
            return not_yet_message(name="drafting", command=self.settings.command)
        return self.desk.run(
            command, user=user, request_id=request_id, now=now, channel_id=channel_id
        )

    def _add(
        self, command: AddStatement, *, user: str, request_id: str | None, now: datetime
    ) -> Message:
        stated_at = self._stated_at(command.stated, now=now)
        with unit_of_work(self.engine) as session:
            position = add_statement(
                session,
                statement=command,
                recorded_by=user,
                stated_at=stated_at,
                request_id=request_id,
            )
            return recorded_answer(session, position=position)

    def _stated_at(self, stated: str | None, *, now: datetime) -> datetime:
        """When a quick add was said: the day typed (future and unreadable days are refused)."""
        if stated is None:
            return now
        settings = self.settings
        day = parse_stated(stated, zone=settings.zone, now=now, date_order=settings.date_order)
        # Said today: keep the time, so it sorts after anything recorded earlier today.
        return now if day.date() == now.astimezone(settings.zone).date() else day
