"""`assign <id>`: a speaker for a quote an ingest could credit to nobody, for any transport.

The transports with forms (the Slack modal, the shell prompts) ask `assignment` for the
prefilled form before showing it and `save` when it is submitted; a transport without a
form answers `assign` with where the form is.
"""

from datetime import datetime

from bot.grammar import Assign
from bot.ingest import Assignment, assign_quote, assignment_form
from bot.positions import PositionForm
from handlers.blocks import Message, assign_form_hint
from handlers.desks.queries import recorded_answer
from handlers.desks.upkeep import UpkeepDesk
from store import unit_of_work


class AssignDesk(UpkeepDesk):
    """Assignments of uncredited quotes for one database."""

    def run(self, command: Assign, *, now: datetime) -> Message:
        """Without a form: refused now if the quote is unknown or taken, else where to go."""
        self.assignment(command.quote_id, now=now)
        return assign_form_hint(quote_id=command.quote_id, command=self.settings.command)

    def assignment(self, quote_id: int, *, now: datetime) -> Assignment:
        """The add form prefilled with the quote; a UserError if it is unknown or taken."""
        with unit_of_work(self.engine) as session:
            return assignment_form(session, quote_id=quote_id, zone=self.settings.zone, now=now)

    def save(
        self,
        quote_id: int,
        *,
        form: PositionForm,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Record the statement and mark the quote assigned, in one transaction.

        Raises FormErrors naming each field to fix, or UserError if it was assigned meanwhile.
        """
        with unit_of_work(self.engine) as session:
            position = assign_quote(
                session,
                quote_id=quote_id,
                form=form,
                user=user,
                zone=self.settings.zone,
                now=now,
                request_id=request_id,
            )
            return recorded_answer(session, position=position)
