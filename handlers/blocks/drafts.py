"""Blocks for drafts: the approval card in each state, the posted text, pending, audit."""

from typing import Any

from bot.drafts import AuditStep, draft_steps, problems_text
from bot.paging import Page
from bot.text import counted
from handlers.blocks.kit import (
    Block,
    Message,
    clip,
    context,
    escape,
    fit,
    header,
    mention,
    section,
    sections,
)
from handlers.blocks.paging import Pager, page_blocks
from store import AuditEvent, Draft, DraftStatus

MAX_CONTEXT_CHARS = 2000  # a context element's text may hold up to 3000; leave room
MAX_EVIDENCE_QUOTE_CHARS = 200
APPROVE, EDIT, REJECT, RETRY = "draft_approve", "draft_edit", "draft_reject", "draft_retry"


def who(user: str | None) -> str:
    """A Slack user id as a mention; anything else (shell names) as plain text."""
    return mention(user)


def draft_card(draft: Draft, *, command: str) -> Message:
    """The card approvers see; it is replaced in place as the draft moves on."""
    blocks: list[Block] = [header(f"Draft D{draft.id} — {draft.title}")]
    if draft.claims and draft.status == DraftStatus.PENDING:
        blocks += claim_blocks(draft.claims)
    elif draft.body:
        # Model text is escaped: <!channel>, <@U…>, <url|label> arrive as inert text.
        blocks += sections([escape(line) for line in draft.body.splitlines() if line.strip()])
    byline = context(
        f"✍️ Written by the {escape(draft.drafter)} · requested by {who(draft.requested_by)}"
    )
    text = f"Draft D{draft.id} ({draft.status.value.replace('_', ' ')}): {draft.title}"
    # A digest of 2,000 claims is cut to Slack's 50 blocks, never its buttons.
    return Message(
        text=text, blocks=fit(blocks, keep=[byline, *_state_blocks(draft, command=command)])
    )


def claim_blocks(claims: list[dict[str, Any]]) -> list[Block]:
    """Each claim beside its evidence (actor, stance, quote) and its problems, if any."""
    blocks: list[Block] = []
    for number, claim in enumerate(claims, start=1):
        cited = ", ".join(f"#{i}" for i in claim.get("citations", []))
        mark = "⚠️" if claim.get("problems") else "✅"
        text = f"{mark} *{number}.* {escape(claim.get('text', ''))}" + (
            f" [{cited}]" if cited else ""
        )
        blocks.append(section(clip(text)))
        lines = [
            f"#{e['id']} {escape(e['actor'])} · {escape(e['stance'])}"
            + (f" · “{escape(shortened(e['quote']))}”" if e.get("quote") else "")
            for e in claim.get("evidence", [])
        ] or ["cites no position it was given"]
        lines += [f"⚠️ {escape(problem)}" for problem in claim.get("problems", [])]
        blocks.append(context(clip("\n".join(lines), limit=MAX_CONTEXT_CHARS)))
    return blocks


def shortened(quote: str, *, limit: int = MAX_EVIDENCE_QUOTE_CHARS) -> str:
    """A quote within `limit` characters, cut at a word and ending in “…” when cut."""
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,;:.") + "…"


def outcome_message(draft: Draft, *, command: str) -> Message:
    """Only where a decided draft stands now (its text was shown when it was drafted)."""
    text = f"Draft D{draft.id} ({draft.status.value.replace('_', ' ')}): {draft.title}"
    named = context(escape(f"Draft D{draft.id} — {draft.title}"))
    return Message(text=text, blocks=[named, *_state_blocks(draft, command=command)])


def published_message(draft: Draft) -> Message:
    """What the channel sees once a person approved the draft."""
    blocks: list[Block] = [header(draft.title)]
    blocks += sections([escape(line) for line in draft.body.splitlines() if line.strip()])
    blocks.append(
        context(
            f"Written by the {escape(draft.drafter)}, approved by {who(draft.decided_by)}"
            f" · draft D{draft.id}"
        )
    )
    return Message(text=f"{draft.title}: {draft.body[:2500]}", blocks=fit(blocks))


def pending_message(page: Page[Draft], *, command: str) -> Message:
    """`pending`: one page of what waits for a decision."""
    drafts = page.items
    if not drafts:
        return Message(
            text="No drafts are waiting for approval.",
            blocks=[section("No drafts are waiting for approval.")],
        )
    lines = [
        f"*D{d.id}* {escape(d.title)} — by {who(d.requested_by)}, "
        f"expires {d.expires_at:%-d %b %H:%M} UTC" + (" · ⚠️ needs editing" if d.problems else "")
        for d in drafts
    ]
    blocks = [header("Drafts waiting for approval"), *sections(lines)]
    hint = context(
        escape(f"{command} approve D<id> · {command} reject D<id> [reason] · {command} audit D<id>")
    )
    pages = page_blocks(page, noun="drafts", pager=Pager(command=command, question="pending"))
    return Message(
        text=f"{counted(page.total, 'draft')} waiting: " + ", ".join(f"D{d.id}" for d in drafts),
        blocks=fit(blocks, keep=[hint, *pages]),
    )


def audit_message(draft: Draft, events: list[AuditEvent]) -> Message:
    """`audit D<id>`: every step of one draft in newsroom words, oldest first."""
    lines = [
        escape(step.words).replace("{who}", who(step.user), 1)
        + f" on {step.at:%-d %b %Y %H:%M} UTC"
        + (f": {escape(step.note)}" if step.note else "")
        + _context_note(step)
        for step in draft_steps(draft, events)
    ]
    blocks = [header(f"Audit of draft D{draft.id}"), *sections(lines or ["No events."])]
    return Message(text=f"Draft D{draft.id}: {counted(len(events), 'step')}.", blocks=fit(blocks))


def _context_note(step: AuditStep) -> str:
    """Which request and which exact text a step was about, for the standards desk."""
    parts = [f"request {escape(step.request_id)}"] if step.request_id else []
    parts += [f"text {step.text_sha256}"] if step.text_sha256 else []
    return f" _({', '.join(parts)})_" if parts else ""


def _state_blocks(draft: Draft, *, command: str) -> list[Block]:
    status = draft.status
    if status == DraftStatus.PENDING:
        blocks: list[Block] = []
        if draft.problems:
            whole = [p for p in draft.problems if "claim" not in p]
            lines = [
                f"⚠️ *Can't be approved until edited:* {counted(len(draft.problems), 'problem')}"
                + (", marked beside the claims." if len(whole) < len(draft.problems) else ".")
            ]
            listed = whole if draft.claims else draft.problems
            lines += [f"• {escape(line[:300])}" for line in problems_text(listed)]
            blocks += sections(lines)
        value = f"{draft.id}:{draft.version}"
        buttons = [] if draft.problems else [_button("Approve", APPROVE, value, style="primary")]
        buttons += [_button("Edit", EDIT, value), _button("Reject", REJECT, value, style="danger")]
        blocks.append({"type": "actions", "block_id": f"draft-{draft.id}", "elements": buttons})
        blocks.append(
            context(
                escape(
                    f"Or type: {command} approve D{draft.id} · {command} edit D{draft.id} · "
                    f"{command} reject D{draft.id} <reason>"
                )
                + f" · expires {draft.expires_at:%-d %b %H:%M} UTC"
            )
        )
        return blocks
    outcome = {
        DraftStatus.APPROVED: f"✅ Approved by {who(draft.decided_by)} — posting…",
        DraftStatus.POSTED: f"✅ Approved by {who(draft.decided_by)} and posted.",
        DraftStatus.REJECTED: f"❌ Rejected by {who(draft.decided_by)}"
        + (f": {escape(draft.reason)}" if draft.reason else "."),
        DraftStatus.EXPIRED: "⌛ Expired: nobody approved it in time. Nothing was posted.",
        DraftStatus.UNCONFIRMED: f"⚠️ Approved by {who(draft.decided_by)}, but Slack didn't "
        "confirm the post. Check the channel before posting it again.",
        DraftStatus.FAILED: f"⚠️ Failed: {escape(draft.error)}",
    }[status]
    blocks = [section(outcome)]
    if status == DraftStatus.FAILED and not draft.body:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"draft-{draft.id}",
                "elements": [_button("Retry", RETRY, str(draft.id), style="primary")],
            }
        )
        blocks.append(context(escape(f"Or type: {command} retry D{draft.id}")))
    return blocks


def _button(label: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    button: Block = {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": label},
    }
    if style:
        button["style"] = style
    return button
