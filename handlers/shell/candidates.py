"""`edit #<id>` on an ingested candidate in the shell: the add form's prompts, prefilled."""

from rich.console import Console

from bot.ingest import candidate_form, replace_candidate_with_form
from handlers.blocks import Message
from handlers.desks import Dispatcher, recorded_answer
from handlers.shell.forms import ReadLine, prompt_form
from store import unit_of_work, utcnow


def prompt_candidate_edit(
    position_id: int, *, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine
) -> Message:
    """Prompts with the candidate's values as defaults; saving records the edited statement
    and discards the candidate in one transaction (UserError if it isn't a candidate)."""
    settings = dispatcher.settings
    with unit_of_work(dispatcher.engine) as session:
        start = candidate_form(session, position_id=position_id, zone=settings.zone)
    form = prompt_form(
        read,
        console,
        engine=dispatcher.engine,
        settings=settings,
        initial=start,
        note=f"Editing candidate #{position_id}",
    )
    if form is None:
        return Message(text=f"Nothing recorded; candidate #{position_id} is still waiting.")
    with unit_of_work(dispatcher.engine) as session:
        position = replace_candidate_with_form(
            session,
            candidate_id=position_id,
            form=form,
            user=user,
            zone=settings.zone,
            now=utcnow(),
        )
        return recorded_answer(session, position=position)
