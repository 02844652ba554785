"""Drafts in Slack: cards to the approvers' place, chat.update as they move, approved posts."""

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.drafts import PostFailed, PostUnconfirmed
from bot.settings import Settings
from handlers.blocks import Message, Published, draft_card, message_body, published
from handlers.desks import ChartFile
from handlers.slack.charts import upload_chart
from handlers.slack.client import message_fields
from handlers.slack.install.clients import WorkspaceClients
from store import Draft, DraftKind, current_tenant

log = logging.getLogger(__name__)
GROUP_CACHE_SECONDS = 300


class SlackPoster:
    """A CardPoster for Slack."""

    def __init__(
        self,
        *,
        clients: WorkspaceClients,
        settings: Settings,
        current: Callable[[], Settings] | None = None,
    ) -> None:
        self.clients = clients
        self.settings = settings
        # The workspace's effective settings (its own approval channel), asked per card.
        self.current = current or (lambda: settings)
        self.pacer = ChannelPacer()

    @property
    def client(self) -> WebClient:
        """The client of the workspace in scope (its own bot token in multi-workspace mode)."""
        return self.clients.current()

    def show_card(self, draft: Draft) -> tuple[str, str] | None:
        """Post the card to STANDPOINT_APPROVAL_CHANNEL, or privately to the requester (a DM)."""
        # Digests have no requester to DM: without an approval channel, the card goes to the
        # digest's own channel, where the desk's approvers read it.
        digest_channel = draft.channel_id if draft.kind == DraftKind.DIGEST else None
        channel = self.current().approval_channel or digest_channel or draft.requested_by
        card = draft_card(draft, command=self.settings.command)
        self.pacer.wait(channel)
        response = self.client.chat_postMessage(channel=channel, **message_fields(card))
        return str(response["channel"]), str(response["ts"])

    def update_card(self, draft: Draft) -> None:
        """Replace the card with the draft's current state (chat.update: no 5-use limit)."""
        if not (draft.card_channel and draft.card_ts):
            return
        card = draft_card(draft, command=self.settings.command)
        try:
            self.client.chat_update(
                channel=draft.card_channel, ts=draft.card_ts, **message_body(card)
            )
        except (SlackApiError, OSError) as error:
            # The decision stands; a stale card is fixed by the next update.
            log.warning("card update failed: draft=%s error=%s", draft.id, type(error).__name__)

    def publish(self, draft: Draft) -> str:
        """Post the approved text where it was requested; never retried on a dropped connection."""
        if not draft.channel_id:
            raise PostFailed("there is no channel to post it in.")
        post = published(draft)
        self.pacer.wait(draft.channel_id)
        try:
            response = self.client.chat_postMessage(
                channel=draft.channel_id, **message_fields(post.message)
            )
        except OSError as error:
            raise PostUnconfirmed(type(error).__name__) from error
        except SlackApiError as error:
            raise PostFailed(_post_refusal(error.response.get("error", "error"))) from error
        ts = str(response["ts"])
        if post.rest:
            self._attach_rest(channel=draft.channel_id, thread_ts=ts, post=post)
        return ts

    def _attach_rest(self, *, channel: str, thread_ts: str, post: Published) -> None:
        """The lines past the message's cap, whole, as a file in its thread."""
        try:
            self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content="\n".join(post.rest) + "\n",
                filename=post.filename,
                title=post.filename,
            )
        except (SlackApiError, OSError) as error:
            # The message is posted (and says more follows): the post stands, never re-sent.
            log.warning(
                "digest file upload failed: channel=%s error=%s", channel, type(error).__name__
            )

    def attach_chart(self, *, channel: str, thread_ts: str, chart: ChartFile) -> None:
        """A digest's chart (handlers/desks/digests/charts.py), uploaded into its thread."""
        try:
            upload_chart(self.client, channel=channel, chart=chart, thread_ts=thread_ts)
        except (SlackApiError, OSError) as error:
            # Like the rest file: the digest is posted and stands; the chart is a bonus.
            log.warning(
                "digest chart upload failed: channel=%s error=%s", channel, type(error).__name__
            )

    def post_note(self, channel_id: str, message: Message) -> str:
        """Post a store-built message (a quiet-day line, unreviewed facts) to a channel."""
        self.pacer.wait(channel_id)
        response = self.client.chat_postMessage(channel=channel_id, **message_fields(message))
        return str(response["ts"])


class ChannelPacer:
    """At most one post per second per channel (Slack's limit), across threads."""

    def __init__(self, *, interval: float = 1.0) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, channel: str) -> None:
        """Block until this channel may take another post, and book the slot."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(channel, 0.0))
            self._next[channel] = start + self.interval
        if start > now:
            time.sleep(start - now)  # pacing Slack's rate limit, not waiting for a result


def approver_check(
    *, clients: WorkspaceClients, ids: frozenset[str] | Callable[[], frozenset[str]]
) -> Callable[[str], bool]:
    """Is a user an approver: listed by id, or a member of a listed user group (S…)?

    Groups are read with the workspace's own client, and cached per workspace. `ids` may be
    asked for on each check: the workspace's own approvers (`/stance settings approvers`).
    """
    cache: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}

    def members(group: str) -> frozenset[str]:
        key = (current_tenant() if clients.multi_workspace else "", group)
        cached = cache.get(key)
        if cached and time.monotonic() - cached[0] < GROUP_CACHE_SECONDS:
            return cached[1]
        try:
            users = frozenset(clients.current().usergroups_users_list(usergroup=group)["users"])
        except SlackApiError as error:
            log.warning(
                "approver group lookup failed: group=%s error=%s",
                group,
                error.response.get("error"),
            )
            users = frozenset()
        cache[key] = (time.monotonic(), users)
        return users

    def is_approver(user: str) -> bool:
        listed = ids() if callable(ids) else ids
        groups = sorted(i for i in listed if i.startswith("S"))
        return user in listed or any(user in members(group) for group in groups)

    return is_approver


def _post_refusal(code: str) -> str:
    if code in {"not_in_channel", "channel_not_found"}:
        # chat:write.public covers public channels; a private one needs an invitation.
        return (
            "Standpoint isn't a member of that channel: invite it with /invite @Standpoint, "
            "then try again."
        )
    return f"Slack said “{code}”."
