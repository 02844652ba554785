"""Blocks for position answers: a pair, an actor overview, a topic board, a history.

Lists come one page at a time (bot.paging); each page ends with its note (handlers.blocks.paging).
"""

from datetime import datetime

from bot.paging import Page
from bot.positions import Change, ChangeKind, PositionView, Remark, Withdrawal
from bot.stances import LABELS, MARKS
from handlers.blocks.kit import (
    Block,
    Message,
    clip,
    context,
    day,
    divider,
    escape,
    fit,
    header,
    link,
    mention,
    section,
    sections,
)
from handlers.blocks.paging import Pager, page_blocks


def position_message(view: PositionView, *, as_of: datetime | None) -> Message:
    """One position: stance, conditions, quotes, source and change."""
    one = Page(items=(view,), number=1, size=1, total=1)
    return pair_message(actor=view.actor, topic=view.topic, page=one, as_of=as_of, pager=None)


def pair_message(
    *,
    actor: str,
    topic: str,
    page: Page[PositionView],
    as_of: datetime | None,
    pager: Pager | None,
) -> Message:
    """`/stance <actor> on <topic>`: the actor's own position and, for a spokesperson, what
    they said for others on the topic, each in full (stance, conditions, quotes, source)."""
    blocks: list[Block] = [header(f"{actor} on {topic}")]
    texts = []
    for number, view in enumerate(page.items):
        if number:
            blocks.append(divider())
        blocks += _position_blocks(view, speaking_for=_speaking_for(view, actor=actor), as_of=as_of)
        quote = f" “{view.quotes[0]}”" if view.quotes else ""
        texts.append(
            f"{_speaking_for(view, actor=actor)}{LABELS[view.stance]}. {view.summary}{quote} "
            f"({view.outlet or _no_outlet(view).lower()}, {day(view.stated_at)})"
            f"{_remark_note(view)}"
        )
    footer = _footer(page, noun="positions", pager=pager, as_of=as_of)
    text = f"{actor} on {topic}: " + " ".join(texts)
    return Message(text=text, blocks=fit(blocks, keep=footer, room=1), shareable=True)


def no_position_message(*, actor: str, topic: str, as_of: datetime | None) -> Message:
    """Nothing recorded for this pair (at that date)."""
    when = f" as of {day(as_of)}" if as_of else ""
    text = f"No statement recorded for {actor} on {topic}{when}."
    return Message(
        text=text, blocks=[header(f"{actor} on {topic}"), section(escape(text))], shareable=True
    )


def overview_message(
    *,
    actor: str,
    description: str,
    page: Page[PositionView],
    as_of: datetime | None,
    pager: Pager,
) -> Message:
    """`/stance <actor>`: the latest position on every topic, then what they said for others."""
    title = f"{actor} — {description}" if description else actor
    blocks: list[Block] = [header(title)]
    views = [v for v in page.items if v.actor == actor]
    spoken_for = [v for v in page.items if v.actor != actor]
    if views:
        blocks += sections([_summary_line(v, name=v.topic, as_of=as_of) for v in views])
    elif not spoken_for:
        when = f" as of {day(as_of)}" if as_of else ""
        blocks.append(section(escape(f"No statement recorded for {actor}{when}.")))
    if spoken_for:
        if views:
            blocks.append(divider())
        blocks += sections(
            ["*Speaking for others*"]
            + [_summary_line(v, name=f"{v.actor} on {v.topic}", as_of=as_of) for v in spoken_for]
        )
    lines = [f"{v.topic}: {LABELS[v.stance]} ({day(v.stated_at)}){_remark_note(v)}" for v in views]
    lines += [f"for {v.actor} on {v.topic}: {LABELS[v.stance]}" for v in spoken_for]
    text = f"{actor}: " + ("; ".join(lines) if lines else "no statement recorded.")
    footer = _footer(page, noun="positions", pager=pager, as_of=as_of)
    return Message(text=text, blocks=fit(blocks, keep=footer, room=1), shareable=True)


def board_message(
    *, topic: str, page: Page[PositionView], as_of: datetime | None, pager: Pager
) -> Message:
    """`/stance topic <topic>`: every actor's latest stance, grouped by stance."""
    blocks: list[Block] = [header(f"{topic} — where everyone stands")]
    if not page.items:
        when = f" as of {day(as_of)}" if as_of else ""
        blocks.append(section(escape(f"No statement recorded on {topic}{when}.")))
    else:
        blocks += sections([_summary_line(v, name=v.actor, as_of=as_of) for v in page.items])
    lines = [f"{v.actor}: {LABELS[v.stance]}{_remark_note(v)}" for v in page.items]
    text = f"{topic}: " + ("; ".join(lines) if lines else "no statement recorded.")
    footer = _footer(page, noun="actors", pager=pager, as_of=as_of)
    return Message(text=text, blocks=fit(blocks, keep=footer, room=1), shareable=True)


def history_message(
    *, actor: str, topic: str, page: Page[PositionView], as_of: datetime | None, pager: Pager
) -> Message:
    """`/stance history <actor> on <topic>`: the timeline, newest first, one page of it."""
    blocks: list[Block] = [header(f"{actor} on {topic} — history")]
    if not page.items:
        when = f" as of {day(as_of)}" if as_of else ""
        blocks.append(section(escape(f"No statement recorded for {actor} on {topic}{when}.")))
    for view in page.items:
        speaking_for = _bold(_speaking_for(view, actor=actor))
        lines = [f"*{day(view.stated_at)}* · {speaking_for}{stance_line(view)}"]
        lines += [f"> “{escape(q)}”" for q in view.quotes[:1]]
        if view.withdrawn is not None:
            lines.append(withdrawn_line(view.withdrawn, as_of=as_of))
        else:
            lines.append(f"_{change_line(view.change)}_")
        # One section per statement, so a page of them always fits in one message.
        blocks.append(section(clip("\n".join(lines))))
        blocks.append(context(source_line(view)))
    entries = [
        f"{day(v.stated_at)} {LABELS[v.stance]}"
        + (f" ({v.withdrawn.kind.replace('retracted', 'withdrawn')})" if v.withdrawn else "")
        for v in page.items
    ]
    shown = f" ({page.first}–{page.last} of {page.total})" if page.pages > 1 else ""
    text = f"{actor} on {topic}, newest first{shown}: " + (
        "; ".join(entries) or "nothing recorded."
    )
    footer = _footer(page, noun="statements", pager=pager, as_of=as_of)
    return Message(text=text, blocks=fit(blocks, keep=footer, room=1), shareable=True)


def stance_line(view: PositionView) -> str:
    """'🟡 *Conditional support* — summary (said by X)'."""
    line = f"{MARKS[view.stance]} *{LABELS[view.stance]}*"
    if view.summary:
        line += f" — {escape(view.summary)}"
    if view.speaker:
        line += f" _(said by {escape(view.speaker)})_"
    return line


def source_line(view: PositionView) -> str:
    """Outlet, link, date stated, who recorded it."""
    outlet = escape(view.outlet) if view.outlet else _no_outlet(view)
    parts = [f"📰 {outlet}"]
    if view.url:
        parts.append(link(view.url, view.title or view.url))
    elif view.outlet:
        parts.append("no link recorded")
    parts.append(f"stated {day(view.stated_at)}")
    parts.append(f"recorded by {escape(view.recorded_by)}")
    parts.append(f"#{view.id}")
    return " · ".join(parts)


def _no_outlet(view: PositionView) -> str:
    # An empty outlet is a source whose outlet nobody knows (pasted text), never a fake one.
    return "No outlet recorded" if view.outlet == "" else "No source recorded"


def change_line(change: Change) -> str:
    """First statement, shift, condition change, restatement or unclear remark, in words."""
    if change.kind is ChangeKind.REMARK:
        if change.previous_stance is None:
            return "❔ Unclear remark; no clear stance recorded before it."
        when = day(change.previous_stated_at) if change.previous_stated_at else "before"
        stays = f"{LABELS[change.previous_stance]} ({when})"
        return f"❔ Unclear remark, not a shift: the stance stays {stays}."
    if change.kind is ChangeKind.FIRST or change.previous_stance is None:
        if change.after_remarks:
            return "🆕 First clear stance recorded (earlier remarks were unclear)."
        return "🆕 First statement recorded."
    since = day(change.previous_stated_at) if change.previous_stated_at else "before"
    if change.kind is ChangeKind.SHIFT:
        return f"↔️ *Shift*: was {LABELS[change.previous_stance]} ({since})."
    if change.kind is ChangeKind.CONDITIONS:
        said = day(change.conditions_said_at) if change.conditions_said_at else since
        parts = []
        if change.added:
            parts.append("added " + "; ".join(escape(c) for c in change.added))
        if change.dropped:
            parts.append("dropped " + "; ".join(escape(c) for c in change.dropped))
        return f"➕ *Condition change* since {said}: " + " — ".join(parts) + "."
    return f"No change since {since}."


def remark_line(remark: Remark) -> str:
    """'❔ Latest remark 9 Dec 2025: unclear — summary (#12)': newer, but not a shift."""
    what = remark.summary or (f"“{remark.quote}”" if remark.quote else "")
    line = f"❔ Latest remark {day(remark.stated_at)}: unclear"
    return line + (f" — {escape(clip(what, limit=300))}" if what else "") + f" (#{remark.id})"


def carried_lines(change: Change) -> list[str]:
    """The conditions last said, for a statement that did not restate them."""
    if not change.carried or change.conditions_said_at is None:
        return []
    head = f"*Conditions last stated {day(change.conditions_said_at)}* (not restated here)"
    return [head, *(f"• {escape(c)}" for c in change.carried)]


def withdrawn_line(withdrawn: Withdrawal, *, as_of: datetime | None) -> str:
    """'⚠️ Withdrawn by U_X on 25 Nov 2026: reason', or '… later, on …' in an as-of answer."""
    later = as_of is not None and withdrawn.at > as_of
    who, when = mention(withdrawn.by), day(withdrawn.at)
    done = f"later, on {when} by {who}" if later else f"by {who} on {when}"
    if withdrawn.kind == "corrected":
        line = f"✏️ *Corrected* {done}" + (
            f" (now #{withdrawn.replaced_by})" if withdrawn.replaced_by else ""
        )
    else:
        line = f"⚠️ *Withdrawn* {done}"
    return line + (f": {escape(withdrawn.reason)}" if withdrawn.reason else ".")


def _summary_line(view: PositionView, *, name: str, as_of: datetime | None) -> str:
    marker = ""
    if view.change.kind is ChangeKind.SHIFT and view.change.previous_stance is not None:
        marker = f" · ↔️ was {LABELS[view.change.previous_stance]}"
    elif view.change.kind is ChangeKind.CONDITIONS:
        marker = " · ➕ conditions changed"
    line = f"{MARKS[view.stance]} *{escape(name)}* — {LABELS[view.stance]} · {day(view.stated_at)}"
    line += marker
    if view.summary:
        line += f"\n      _{escape(view.summary)}_"
    if view.later_remark is not None:
        line += f"\n      {remark_line(view.later_remark)}"
    if view.withdrawn is not None:
        line += f"\n      {withdrawn_line(view.withdrawn, as_of=as_of)}"
    return line


def _position_blocks(
    view: PositionView, *, speaking_for: str, as_of: datetime | None
) -> list[Block]:
    blocks = sections([f"{_bold(speaking_for)}{stance_line(view)}"])
    if view.conditions:
        blocks += sections(["*Conditions*", *(f"• {escape(c)}" for c in view.conditions)])
    elif carried := carried_lines(view.change):
        blocks += sections(carried)
    if view.quotes:
        blocks += sections([f"> “{escape(q)}”" for q in view.quotes])
    blocks.append(context(source_line(view)))
    blocks += sections([change_line(view.change)])
    if view.later_remark is not None:
        blocks += sections([remark_line(view.later_remark)])
    if view.withdrawn is not None:
        blocks += sections([withdrawn_line(view.withdrawn, as_of=as_of)])
    return blocks


def _remark_note(view: PositionView) -> str:
    remark = view.later_remark
    return f" (latest remark {day(remark.stated_at)}: unclear)" if remark else ""


def _speaking_for(view: PositionView, *, actor: str) -> str:
    # A spokesperson's words are recorded as another actor's position.
    return f"Speaking for {view.actor}: " if view.actor != actor else ""


def _bold(label: str) -> str:
    return f"*{escape(label.strip())}* " if label else ""


def _footer(
    page: Page[PositionView], *, noun: str, pager: Pager | None, as_of: datetime | None
) -> list[Block]:
    blocks = [context(f"As known on {day(as_of)}")] if as_of is not None else []
    if pager is not None:
        blocks += page_blocks(page, noun=noun, pager=pager)
    return blocks
