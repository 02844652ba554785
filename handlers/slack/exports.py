"""`/stance export …` in Slack: acked at once, then the file goes privately to the requester.

Privately means the direct message between the bot and the person who asked
(conversations.open), uploaded with files.uploadV2 (getUploadURLExternal, the bytes, then
completeUploadExternal). The file's contents are data and go as they are; its name, title
and comment are text, so they pass the outgoing guard (slack_sdk sends those as plain
parameters, which GuardedWebClient does not see).
"""

import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import UserError
from bot.exports import ExportFile
from bot.grammar import Export
from bot.text import counted
from handlers.blocks import Message, context, error_message, escape, neutralise
from handlers.desks import nothing_to_export
from handlers.slack.deps import SlackDeps
from handlers.slack.private_files import answer_later, upload_to_dm
from store import utcnow

log = logging.getLogger(__name__)


def export_by_command(
    ack: Ack, client: WebClient, deps: SlackDeps, *, command: dict[str, Any], export: Export
) -> None:
    """Ack with what is coming, then build and send the file on the worker pool."""
    answer_later(
        ack,
        deps,
        command=command,
        first=exporting_message(export),
        work=lambda user: send_export(client, deps, user=user, export=export),
        what="export",
    )


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
    return upload_to_dm(
        client,
        user=user,
        upload=lambda channel: _upload(client, channel=channel, file=file),
        what="file",
    )


def _upload(client: WebClient, *, channel: str, file: ExportFile) -> None:
    comment = (
        f"{file.title}: {counted(file.rows, 'position')}. Columns: see docs/export-and-import.md."
    )
    client.files_upload_v2(
        channel=channel,
        content=file.data,
        filename=neutralise(file.name, plain=True),
        title=neutralise(file.title, plain=True),
        initial_comment=neutralise(comment, plain=True),
    )
