"""The terminal shell: type `/stance …` lines, read the same answers Slack would show.

Works interactively (prompt, line editing, history) and with piped standard input,
where it reads every line, answers each, and exits 0 at the end of input.
"""

import logging
import os
import sys
import uuid

from rich.console import Console

from bot.errors import UserError
from bot.grammar import AddForm, Assign, Correct, EditDraft
from bot.positions import PositionForm, record_form
from bot.text import strip_controls
from handlers.blocks import Message, error_message, internal_error_message, still_to_fix
from handlers.desks import AlertDesk, Dispatcher, recorded_answer
from handlers.shell.assign import prompt_assign
from handlers.shell.candidates import prompt_candidate_edit
from handlers.shell.corrections import prompt_correction
from handlers.shell.forms import Cancelled, ReadLine, prompt_edit, prompt_form
from handlers.shell.ingest import article_for
from handlers.shell.render import render
from store import unit_of_work, utcnow

log = logging.getLogger(__name__)
PROMPT = "standpoint> "
EXIT_WORDS = frozenset({"exit", "quit", ":q"})


def run_shell(
    *,
    dispatcher: Dispatcher,
    user: str,
    console: Console,
    read: ReadLine,
    alerts: AlertDesk | None = None,
) -> int:
    """Answer lines until end of input or `exit`. Returns the process exit code (0).

    After each answer, `alerts` prints whatever this user's follows have waiting.
    """
    command = dispatcher.settings.command
    _send_alerts(alerts)
    while (raw := read(PROMPT)) is not None:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.casefold() in EXIT_WORDS:
            break
        text = _strip_command(line, command)
        if text is None:
            console.print(f"Commands start with {command}. Try {command} help.")
            continue
        try:
            answer = _answer_line(
                text, dispatcher=dispatcher, user=user, console=console, read=read
            )
        except UserError as error:
            answer = error_message(error, command=command)
        except Cancelled as cancelled:
            answer = Message(text=str(cancelled))
        render(answer, console)
        _send_alerts(alerts)
    return 0


def _send_alerts(alerts: AlertDesk | None) -> None:
    if alerts is None:
        return
    try:
        alerts.send_due()
    except Exception:  # an alert that can't be shown must not end the shell
        log.exception("alerts: the shell could not show waiting alerts")


def _answer_line(
    text: str, *, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine
) -> Message:
    # The forms (add, edit, a pasted or filed article) prompt here, before the command runs.
    verb, _, rest = text.strip().partition(" ")
    if verb.casefold() == "ingest":
        article = article_for(rest, read=read, console=console)
        text = text if article is None else f"ingest {article}"
    parsed = dispatcher.interpret(text)
    if isinstance(parsed, Message):
        return parsed
    if isinstance(parsed, AddForm):
        form = prompt_form(read, console, engine=dispatcher.engine, settings=dispatcher.settings)
        if form is None:
            return Message(text="Nothing recorded.")
        return _record(form, dispatcher=dispatcher, user=user)
    if isinstance(parsed, Correct):
        return prompt_correction(
            parsed.position_id, dispatcher=dispatcher, user=user, console=console, read=read
        )
    if isinstance(parsed, Assign):
        return prompt_assign(
            parsed.quote_id, dispatcher=dispatcher, user=user, console=console, read=read
        )
    if isinstance(parsed, EditDraft) and dispatcher.edits_candidate(parsed):
        return prompt_candidate_edit(
            parsed.draft_id, dispatcher=dispatcher, user=user, console=console, read=read
        )
    if isinstance(parsed, EditDraft) and dispatcher.desk is not None:
        return _edit(parsed.draft_id, dispatcher=dispatcher, user=user, console=console, read=read)
    return dispatcher.execute(parsed, user=user)


def _record(form: PositionForm, *, dispatcher: Dispatcher, user: str) -> Message:
    """Record a filled-in add form (and any name it creates) in one unit of work."""
    try:
        with unit_of_work(dispatcher.engine) as session:
            position = record_form(
                session, form=form, recorded_by=user, zone=dispatcher.settings.zone, now=utcnow()
            )
            return recorded_answer(session, position=position)
    except UserError:
        raise
    except Exception:
        reference = uuid.uuid4().hex[:8]
        log.exception("add form failed: reference=%s user=%s", reference, user)
        return internal_error_message(reference=reference)


def _edit(
    draft_id: int, *, dispatcher: Dispatcher, user: str, console: Console, read: ReadLine
) -> Message:
    """`edit <id>`: the Edit modal as prompts, refused and re-checked exactly as the modal is."""
    assert dispatcher.desk is not None
    approvals = dispatcher.desk.approvals
    draft = approvals.editable(draft_id, user=user, now=utcnow())
    body = prompt_edit(read, console, draft=draft)
    if not body:
        return Message(text=f"Nothing changed; draft D{draft_id} is as it was.")
    problems = approvals.edit(draft_id, version=draft.version, user=user, body=body, now=utcnow())
    if problems:
        raise UserError(
            still_to_fix(problems),
            hint=f"Nothing was saved. {dispatcher.settings.command} edit D{draft_id} to try again.",
        )
    return Message(text=f"✅ Draft D{draft_id} saved; its citations check out.")


def default_user() -> str:
    """Who the shell records statements as, unless `--as` says otherwise."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or "shell-user"


def _strip_command(line: str, command: str) -> str | None:
    head, _, rest = line.partition(" ")
    if head.casefold() == command.casefold():
        return rest
    if head.startswith("/"):
        return None
    return line  # a bare "putin on ceasefire" is taken as the command's text


def piped_reader(console: Console) -> ReadLine:
    """Read standard input line by line, echoing each line after its prompt as a transcript."""

    def read(prompt: str) -> str | None:
        line = sys.stdin.readline()
        if not line:
            return None
        line = line.rstrip("\n")
        visible = strip_controls(line)  # the transcript never replays terminal escapes
        shown = visible if len(visible) <= 120 else f"{visible[:117]}… ({len(line):,} characters)"
        console.print(f"{prompt}{shown}", style="dim", markup=False, highlight=False)
        return line

    return read
