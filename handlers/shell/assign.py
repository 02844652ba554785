"""`assign <id>` in the shell: the add form's prompts, prefilled with the uncredited quote."""

from rich.console import Console

from handlers.blocks import Message, assign_note
from handlers.desks import Dispatcher
from handlers.shell.forms import ReadLine, prompt_form
from store import utcnow


def prompt_assign(
    quote_id: int, *, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine
) -> Message:
    """Refused at once if the quote is unknown or taken; else prompts (the speaker, topic and
    stance to give), then the recorded statement."""
    desk = dispatcher.assigns
    assignment = desk.assignment(quote_id, now=utcnow())
    form = prompt_form(
        read,
        console,
        engine=dispatcher.engine,
        settings=dispatcher.settings,
        initial=assignment.form,
        note=assign_note(assignment),
    )
    if form is None:
        return Message(text=f"Nothing recorded; quote {quote_id} is still waiting for a speaker.")
    return desk.save(quote_id, form=form, user=user, now=utcnow())
