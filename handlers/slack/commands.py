"""The slash command: answer privately at once; `add` with no arguments opens the modal."""

from collections.abc import Callable
from typing import Any, TypeGuard

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import UserError
from bot.grammar import (
    AddForm,
    Assign,
    ChartRequest,
    Correct,
    Decide,
    DigestCommand,
    EditDraft,
    Export,
    Ingest,
    RetryDraft,
    Summarize,
)
from bot.ingest import candidate_form, edits_candidate
from bot.positions import PositionForm
from handlers.blocks import Message, context, error_message, escape, message_body, with_share_button
from handlers.slack.add_form import open_add_modal
from handlers.slack.assign import assign_by_command
from handlers.slack.charts import chart_by_command
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps
from handlers.slack.drafts import open_edit_modal
from handlers.slack.exports import export_by_command
from store import unit_of_work, utcnow


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the configured command (default /stance)."""

    @app.command(deps.settings.command)
    def on_command(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        text = command.get("text", "")
        parsed = deps.dispatcher.interpret(text)
        if isinstance(parsed, AddForm):
            ack()
            # The trigger_id expires 3 s after the command: open the modal now, not later.
            open_add_modal(
                client,
                trigger_id=command["trigger_id"],
                channel_id=command.get("channel_id", ""),
                zone=deps.current_settings().zone,
            )
            return
        if isinstance(parsed, Correct):
            correct_by_command(ack, client, deps, command=command, position_id=parsed.position_id)
            return
        if isinstance(parsed, Assign):
            assign_by_command(ack, client, deps, command=command, quote_id=parsed.quote_id)
            return
        if isinstance(parsed, EditDraft):
            edit_by_command(ack, client, deps, command=command, edit=parsed)
            return
        if isinstance(parsed, Export):
            export_by_command(ack, client, deps, command=command, export=parsed)
            return
        if isinstance(parsed, ChartRequest):
            chart_by_command(ack, client, deps, command=command, chart=parsed)
            return
        if is_slow(parsed):
            # Slow (LLM, fetching, posting): answer at once, finish on the worker pool.
            ack(**ephemeral(working_message(parsed)))
            deps.worker.submit(
                lambda: respond(
                    command["response_url"],
                    deps.dispatcher.execute(
                        parsed,
                        user=command["user_id"],
                        request_id=command.get("trigger_id"),
                        channel_id=command.get("channel_id"),
                        team_id=command.get("team_id"),
                    ),
                    response_type="ephemeral",
                    replace_original=False,
                ),
                what=f"{type(parsed).__name__} for {command['user_id']}",
            )
            return
        if isinstance(parsed, Message):
            answer = parsed
        else:
            answer = deps.dispatcher.execute(
                parsed,
                user=command["user_id"],
                request_id=command.get("trigger_id"),
                channel_id=command.get("channel_id"),
                team_id=command.get("team_id"),
            )
        ack(**ephemeral(with_share_button(answer, command_text=text)))


def edit_by_command(
    ack: Ack, client: WebClient, deps: SlackDeps, *, command: dict[str, Any], edit: EditDraft
) -> None:
    """`edit <id>`: the Edit button's modal (a draft's, or a candidate's add form), or the
    refusal the button's save would give."""
    draft_id = edit.draft_id
    with unit_of_work(deps.engine) as session:
        candidate = edits_candidate(session, number=draft_id, subject=edit.subject)
    if candidate:

        def load() -> PositionForm:
            with unit_of_work(deps.engine) as session:
                zone = deps.current_settings().zone
                return candidate_form(session, position_id=draft_id, zone=zone)

        _open_prefilled(ack, client, deps, command=command, load=load, replaces=draft_id)
        return
    try:
        draft = deps.desk.approvals.editable(
            draft_id, user=command["user_id"], now=utcnow(), request_id=command.get("trigger_id")
        )
    except UserError as error:
        ack(**ephemeral(error_message(error, command=deps.settings.command)))
        return
    ack()
    # The trigger_id expires 3 s after the command: open the modal now, not later.
    open_edit_modal(client, trigger_id=command["trigger_id"], draft=draft)


def correct_by_command(
    ack: Ack, client: WebClient, deps: SlackDeps, *, command: dict[str, Any], position_id: int
) -> None:
    """`correct <id>`: the add modal prefilled with the position, or why it can't be."""

    def load() -> PositionForm:
        form, _ = deps.dispatcher.corrections.correction_form(
            position_id, user=command["user_id"], now=utcnow()
        )
        return form

    _open_prefilled(ack, client, deps, command=command, load=load, corrects=position_id)


def _open_prefilled(
    ack: Ack,
    client: WebClient,
    deps: SlackDeps,
    *,
    command: dict[str, Any],
    load: Callable[[], PositionForm],
    replaces: int | None = None,
    corrects: int | None = None,
) -> None:
    """The add modal with `load()`'s values, or the refusal `load` raised, as the answer."""
    try:
        form = load()
    except UserError as error:
        ack(**ephemeral(error_message(error, command=deps.settings.command)))
        return
    ack()
    # The trigger_id expires 3 s after the command: open the modal now, not later.
    open_add_modal(
        client,
        trigger_id=command["trigger_id"],
        channel_id=command.get("channel_id", ""),
        zone=deps.current_settings().zone,
        initial=form,
        replaces=replaces,
        corrects=corrects,
    )


SlowCommand = Summarize | Ingest | Decide | RetryDraft | DigestCommand


def is_slow(command: object) -> TypeGuard[SlowCommand]:
    """Commands that wait on an LLM, a fetch or Slack: acked at once, run on the worker pool."""
    if isinstance(command, DigestCommand):
        return command.action == "now"
    return isinstance(command, Summarize | Ingest | Decide | RetryDraft)


def working_message(command: SlowCommand) -> Message:
    """What the requester sees while slow work runs."""
    match command:
        case Summarize():
            text = (
                f"✍️ Drafting a summary of “{command.topic[:80]}”… it goes to the approvers first."
            )
        case Ingest():
            text = "📰 Reading the article for candidate positions…"
        case Decide():
            text = f"Working on draft D{command.draft_id}…"
        case RetryDraft():
            text = f"✍️ Drafting D{command.draft_id} again… it goes to the approvers first."
        case DigestCommand():
            text = "📰 Building this channel's digest now… it goes to the approvers first."
    return Message(text=text, blocks=[context(escape(text))])


def ephemeral(message: Message) -> dict[str, Any]:
    """The ack body of a private answer."""
    return {"response_type": "ephemeral", **message_body(message)}
