"""Blocks for position answers: one position, an actor overview, a topic board, a history."""

from datetime import datetime

from bot.stances import LABELS, MARKS
from bot.views import Change, ChangeKind, PositionView
from handlers.blocks.kit import (
    Block,
    Message,
    context,
    day,
    divider,
    escape,
    fit,
    header,
    link,
    section,
    sections,
)


def position_message(view: PositionView, *, as_of: datetime | None) -> Message:
    """`/stance <actor> on <topic>`: stance, conditions, quotes, source and change."""
    blocks: list[Block] = [header(f"{view.actor} on {view.topic}")]
    blocks += sections([stance_line(view)])
    if view.conditions:
        blocks += sections(["*Conditions*", *(f"• {escape(c)}" for c in view.conditions)])
    if view.quotes:
        blocks += sections([f"> “{escape(q)}”" for q in view.quotes])
    blocks.append(context(source_line(view)))
    blocks += sections([change_line(view.change)])
    if as_of is not None:
        blocks.append(context(f"As known on {day(as_of)}"))
    quote = f" “{view.quotes[0]}”" if view.quotes else ""
    text = (
        f"{view.actor} on {view.topic}: {LABELS[view.stance]}. {view.summary}{quote} "
        f"({view.outlet or 'no source'}, {day(view.stated_at)})"
    )
    return Message(text=text, blocks=fit(blocks), shareable=True)


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
    views: list[PositionView],
    spoken_for: list[PositionView],
    as_of: datetime | None,
) -> Message:
    """`/stance <actor>`: the latest position on every topic."""
    title = f"{actor} — {description}" if description else actor
    blocks: list[Block] = [header(title)]
    if views:
        blocks += sections([_summary_line(v, name=v.topic) for v in views])
    elif not spoken_for:
        when = f" as of {day(as_of)}" if as_of else ""
        blocks.append(section(escape(f"No statement recorded for {actor}{when}.")))
    if spoken_for:
        if views:
            blocks.append(divider())
        blocks += sections(
            ["*Speaking for others*"]
            + [_summary_line(v, name=f"{v.actor} on {v.topic}") for v in spoken_for]
        )
    if as_of is not None:
        blocks.append(context(f"As known on {day(as_of)}"))
    lines = [f"{v.topic}: {LABELS[v.stance]} ({day(v.stated_at)})" for v in views]
    text = f"{actor}: " + ("; ".join(lines) if lines else "no statement recorded.")
    return Message(text=text, blocks=fit(blocks), shareable=True)


def board_message(*, topic: str, views: list[PositionView], as_of: datetime | None) -> Message:
    """`/stance topic <topic>`: every actor's latest stance, grouped by stance."""
    blocks: list[Block] = [header(f"{topic} — where everyone stands")]
    if not views:
        when = f" as of {day(as_of)}" if as_of else ""
        blocks.append(section(escape(f"No statement recorded on {topic}{when}.")))
    else:
        blocks += sections([_summary_line(v, name=v.actor) for v in views])
    if as_of is not None:
        blocks.append(context(f"As known on {day(as_of)}"))
    lines = [f"{v.actor}: {LABELS[v.stance]}" for v in views]
    text = f"{topic}: " + ("; ".join(lines) if lines else "no statement recorded.")
    return Message(
        text=text, blocks=fit(blocks, more_hint="Ask about one actor for the rest."), shareable=True
    )


def history_message(
    *, actor: str, topic: str, views: list[PositionView], as_of: datetime | None
) -> Message:
    """`/stance history <actor> on <topic>`: the timeline, newest first."""
    blocks: list[Block] = [header(f"{actor} on {topic} — history")]
    if not views:
        blocks.append(section(escape(f"No statement recorded for {actor} on {topic}.")))
    for view in views:
        lines = [f"*{day(view.stated_at)}* · {stance_line(view)}"]
        lines += [f"> “{escape(q)}”" for q in view.quotes[:1]]
        lines.append(f"_{change_line(view.change)}_")
        blocks += sections(lines)
        blocks.append(context(source_line(view)))
    if as_of is not None:
        blocks.append(context(f"As known on {day(as_of)}"))
    entries = [f"{day(v.stated_at)} {LABELS[v.stance]}" for v in views]
    text = f"{actor} on {topic}, newest first: " + ("; ".join(entries) or "nothing recorded.")
    return Message(
        text=text, blocks=fit(blocks, more_hint="Narrow it with “as of <date>”."), shareable=True
    )


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
    outlet = escape(view.outlet) if view.outlet else "No source recorded"
    parts = [f"📰 {outlet}"]
    if view.url:
        parts.append(link(view.url, view.title or view.url))
    elif view.outlet:
        parts.append("no link recorded")
    parts.append(f"stated {day(view.stated_at)}")
    parts.append(f"recorded by {escape(view.recorded_by)}")
    parts.append(f"#{view.id}")
    return " · ".join(parts)


def change_line(change: Change) -> str:
    """First statement, shift, condition change or restatement, in words."""
    if change.kind is ChangeKind.FIRST or change.previous_stance is None:
        return "🆕 First statement recorded."
    since = day(change.previous_stated_at) if change.previous_stated_at else "before"
    if change.kind is ChangeKind.SHIFT:
        return f"↔️ *Shift*: was {LABELS[change.previous_stance]} ({since})."
    if change.kind is ChangeKind.CONDITIONS:
        parts = []
        if change.added:
            parts.append("added " + "; ".join(escape(c) for c in change.added))
        if change.dropped:
            parts.append("dropped " + "; ".join(escape(c) for c in change.dropped))
        return f"➕ *Condition change* since {since}: " + " — ".join(parts) + "."
    return f"No change since {since}."


def _summary_line(view: PositionView, *, name: str) -> str:
    marker = ""
    if view.change.kind is ChangeKind.SHIFT and view.change.previous_stance is not None:
        marker = f" · ↔️ was {LABELS[view.change.previous_stance]}"
    elif view.change.kind is ChangeKind.CONDITIONS:
        marker = " · ➕ conditions changed"
    line = f"{MARKS[view.stance]} *{escape(name)}* — {LABELS[view.stance]} · {day(view.stated_at)}"
    line += marker
    if view.summary:
        line += f"\n      _{escape(view.summary)}_"
    return line
