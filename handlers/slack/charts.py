"""`/stance chart …` in Slack: acked at once, drawn on the worker pool, sent privately.

The PNG goes to the direct message between the bot and the person who asked, like an
export: every other query answer is private until its asker shares it, the bot need not be
a member of the channel the command was typed in, and a chart drawn for one reporter's
question should not land in a busy desk channel unasked. From the DM it can be shared
anywhere. Uploaded with files.uploadV2 (getUploadURLExternal with the alt text, the bytes,
then completeUploadExternal); name, title, alt text and comment pass the outgoing guard,
since slack_sdk sends them as plain parameters that GuardedWebClient does not see.
"""

import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.errors import UserError
from bot.grammar import ChartRequest
from handlers.blocks import Message, context, error_message, escape, neutralise
from handlers.desks import ChartFile, nothing_to_chart
from handlers.slack.deps import SlackDeps
from handlers.slack.private_files import answer_later, upload_to_dm
from store import utcnow

log = logging.getLogger(__name__)


def chart_by_command(
    ack: Ack, client: WebClient, deps: SlackDeps, *, command: dict[str, Any], chart: ChartRequest
) -> None:
    """Ack with what is coming, then draw and send the chart on the worker pool."""
    answer_later(
        ack,
        deps,
        command=command,
        first=drawing_message(chart),
        work=lambda user: send_chart(client, deps, user=user, chart=chart),
        what="chart",
    )


def drawing_message(chart: ChartRequest) -> Message:
    """What the requester sees at once."""
    what = (
        f"“{chart.actor[:80]}” on “{chart.topic[:80]}”" if chart.actor else f"“{chart.topic[:80]}”"
    )
    text = f"📈 Drawing the timeline of {what}… I'll send the picture to you in a direct message."
    return Message(text=text, blocks=[context(escape(text))])


def send_chart(
    client: WebClient, deps: SlackDeps, *, user: str, chart: ChartRequest
) -> Message | None:
    """Upload the chart into the user's DM; the reply to show them instead, if any."""
    desk = deps.dispatcher.charts
    try:
        timeline = desk.timeline(chart)
    except UserError as error:
        return error_message(error, command=deps.settings.command)
    if timeline.empty:
        return nothing_to_chart(timeline)
    picture = desk.draw(timeline, now=utcnow())
    return upload_to_dm(
        client,
        user=user,
        upload=lambda channel: upload_chart(client, channel=channel, chart=picture),
        what="chart",
    )


def upload_chart(
    client: WebClient, *, channel: str, chart: ChartFile, thread_ts: str | None = None
) -> None:
    """files.uploadV2 of one chart, with its alt text, into a channel (or a thread of it)."""
    client.files_upload_v2(
        channel=channel,
        thread_ts=thread_ts,
        content=chart.data,
        filename=neutralise(chart.name, plain=True),
        title=neutralise(chart.title, plain=True),
        alt_txt=neutralise(chart.alt, plain=True),
        initial_comment=neutralise("\n".join([*chart.reading, chart.title]), plain=True),
    )
