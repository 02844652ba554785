"""A draft's audit rows in newsroom words: "Rejected by {who} on 25 Nov 2026 14:03: too early"."""

from dataclasses import dataclass
from datetime import datetime

from bot.text import counted
from store import AuditEvent, Draft

# What each step reads as; "{who}" is where the person goes (a mention in Slack).
_WORDS = {
    "draft.created": "Requested by {who}",
    "draft.approved": "Approved by {who}",
    "draft.rejected": "Rejected by {who}",
    "draft.edited": "Edited by {who}",
    "draft.expired": "Expired with no decision",
    "draft.posted": "Posted to the channel after approval by {who}",
    "draft.failed": "Failed",
    "draft.post_unconfirmed": "Sent after approval by {who}, but Slack did not confirm the post",
}


@dataclass(frozen=True)
class AuditStep:
    """One step: `words` holds "{who}" where `user` goes; `note` is the why (plain text)."""

    at: datetime
    user: str
    words: str
    note: str
    request_id: str | None
    text_sha256: str


def draft_steps(draft: Draft, events: list[AuditEvent]) -> list[AuditStep]:
    """Every audit row of `draft` as a step a reader follows, oldest first."""
    return [
        AuditStep(
            at=event.at,
            user=event.user,
            words=_words(event.action),
            note=_note(event, draft),
            request_id=event.request_id,
            text_sha256=str(event.detail.get("text_sha256", ""))[:12],
        )
        for event in events
    ]


def _words(action: str) -> str:
    if action in _WORDS:
        return _WORDS[action]
    verb = action.removeprefix("draft.").removesuffix(".refused")
    if action.endswith(".refused"):
        return f"{{who}} tried to {verb} it: refused, not an approver"
    return f"{verb.replace('_', ' ').capitalize()} by {{who}}"


def _note(event: AuditEvent, draft: Draft) -> str:
    detail = event.detail
    if event.action == "draft.rejected":
        # Older rows kept the reason on the draft only; a draft is rejected at most once.
        return str(detail.get("reason") or draft.reason)
    if event.action == "draft.failed":
        return str(detail.get("error") or draft.error)
    if event.action == "draft.created":
        note = f"written by the {detail['drafter']}" if detail.get("drafter") else ""
        problems = int(detail.get("problems") or 0)
        return note + (f"; {counted(problems, 'problem')} to fix" if problems else "")
    if event.action == "draft.edited" and detail.get("version"):
        return f"now version {detail['version']}"
    return ""
