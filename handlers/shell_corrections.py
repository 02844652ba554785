"""`correct <id>` in the shell: the add form's prompts with the old values as defaults."""

from rich.console import Console

from handlers.blocks import Message
from handlers.commands import Dispatcher
from handlers.shell_forms import ReadLine, cancelling, prompt_add
from handlers.shell_names import ShellNames
from handlers.shell_prompts import ask
from store import utcnow


def prompt_correction(
    position_id: int, *, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine
) -> Message:
    """Refused at once if `user` may not correct it; else prompts, then the saved correction."""
    desk = dispatcher.corrections
    settings = dispatcher.settings
    form, _ = desk.correction_form(position_id, user=user, now=utcnow())
    console.print(
        f"Correcting #{position_id}: Enter keeps a value as it was (Ctrl-C cancels).",
        markup=False,
        highlight=False,
    )
    corrected = prompt_add(
        read,
        console,
        names=ShellNames(dispatcher.engine),
        zone=settings.zone,
        now=utcnow(),
        date_order=settings.date_order,
        initial=form,
    )
    unchanged = f"Nothing changed; #{position_id} is as it was."
    if corrected is None:
        return Message(text=unchanged)
    with cancelling(f"Cancelled; #{position_id} is as it was."):
        reason = ask(read, "Reason for the correction")
    if not reason:
        return Message(text=f"{unchanged} A correction needs a reason.")
    return desk.save_correction(position_id, form=corrected, reason=reason, user=user, now=utcnow())
