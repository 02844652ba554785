"""`correct <id>` in the shell: the add form's prompts with the old values as defaults."""

from rich.console import Console

from handlers.blocks import Message
from handlers.desks import Dispatcher
from handlers.shell.forms import ReadLine, cancelling, prompt_form
from handlers.shell.prompts import ask
from store import utcnow


def prompt_correction(
    position_id: int, *, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine
) -> Message:
    """Refused at once if `user` may not correct it; else prompts, then the saved correction."""
    desk = dispatcher.corrections
    form, _ = desk.correction_form(position_id, user=user, now=utcnow())
    corrected = prompt_form(
        read,
        console,
        engine=dispatcher.engine,
        settings=dispatcher.settings,
        initial=form,
        note=f"Correcting #{position_id}",
    )
    unchanged = f"Nothing changed; #{position_id} is as it was."
    if corrected is None:
        return Message(text=unchanged)
    with cancelling(f"Cancelled; #{position_id} is as it was."):
        reason = ask(read, "Reason for the correction")
    if not reason:
        return Message(text=f"{unchanged} A correction needs a reason.")
    return desk.save_correction(position_id, form=corrected, reason=reason, user=user, now=utcnow())
