"""`/stance export …` in Slack: acked at once, then the file goes privately to the requester.

Privately means the direct message between the bot and the person who asked
(conversations.open), uploaded with files.uploadV2 (getUploadURLExternal, the bytes, then
completeUploadExternal). The file's contents are data and go as they are; its name, title
and comment are text, so they pass the outgoing guard (slack_sdk sends those as plain
parameters, which GuardedWebClient does not see).
"""

import logging
import uuid
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import UserError
from bot.exports import ExportFile
from bot.grammar import Export
from bot.text import counted
from handlers.blocks import Message
from handlers.blocks.kit import context, escape
from handlers.blocks.outgoing import message_body, neutralise
from handlers.blocks.replies import error_message, internal_error_message
from handlers.export_desk import nothing_to_export
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps
from store import utcnow

log = logging.getLogger(__name__)


def export_by_command(
    ack: Ack, client: WebClient, deps: SlackDeps, *, command: dict[str, Any], export: Export
) -> None:
    """Ack with what is coming, then build and send the file on the worker pool."""
    ack(response_type="ephemeral", **message_body(exporting_message(export)))
    user, response_url = command["user_id"], command["response_url"]

    def send() -> None:
        try:
            answer = send_export(client, deps, user=user, export=export)
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log.exception("export failed: reference=%s user=%s", reference, user)
            answer = internal_error_message(reference=reference)
        if answer is not None:
            respond(response_url, answer, response_type="ephemeral", replace_original=False)

    deps.worker.submit(send, what=f"export for {user}")


def exporting_message(export: Export) -> Message:
    """What the requester sees at once."""
    what = {
        "board": f"the board of “{export.topic[:80]}”",
        "history": f"the history of “{export.actor[:80]}” on “{export.topic[:80]}”",
    }.get(export.what, "positions" + (f" since {export.since[:40]}" if export.since else ""))
    text = (
        f"📄 Exporting {what} as {export.format.upper()}… "
        "I'll send the file to you in a direct message."
    )
    return Message(text=text, blocks=[context(escape(text))])


def send_export(client: WebClient, deps: SlackDeps, *, user: str, export: Export) -> Message | None:
    """Upload the export into the user's DM; the reply to show them instead, if any."""
    try:
        file = deps.dispatcher.exports.build(export, now=utcnow())
    except UserError as error:
        return error_message(error, command=deps.settings.command)
    if not file.rows:
        return nothing_to_export(file)
    try:
        channel = client.conversations_open(users=user)["channel"]["id"]
        _upload(client, channel=channel, file=file)
    except (SlackClientError, OSError) as error:
        code = error.response.get("error") if isinstance(error, SlackApiError) else "no answer"
        log.warning("export upload failed: %s", code)
        text = (
            f"I couldn't send the file ({code}). Try again in a minute; if it keeps failing, "
            "ask an admin whether the app may write files and direct messages."
        )
        return Message(text=text, blocks=[context(f"⚠️ {escape(text)}")])
    return None


def _upload(client: WebClient, *, channel: str, file: ExportFile) -> None:
    comment = (
        f"{file.title}: {counted(file.rows, 'position')}. "
        "Columns: see the README, Export and import."
    )
    client.files_upload_v2(
        channel=channel,
        content=file.data,
        filename=neutralise(file.name, plain=True),
        title=neutralise(file.title, plain=True),
        initial_comment=neutralise(comment, plain=True),
    )
