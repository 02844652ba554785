"""Blocks for what is tracked: the lists of actors and topics, alias changes and merges."""

from bot.catalog import AliasDone, MergeDone, Tracked
from bot.paging import Page
from handlers.blocks.kit import Block, Message, context, day, escape, fit, header, section, sections
from handlers.blocks.paging import Pager, page_blocks


def tracked_message(
    *, kind: str, filter: str, page: Page[Tracked], pager: Pager, command: str
) -> Message:
    """`/stance actors [filter]` / `topics [filter]`: one page of what is tracked."""
    noun = f"{kind}s"
    title = f"Tracked {noun}" + (f" matching “{filter}”" if filter else "")
    blocks: list[Block] = [header(title)]
    if not page.items:
        where = f" matching “{filter}”" if filter else ""
        blocks.append(section(escape(f"No {noun}{where} are tracked.")))
    else:
        blocks += sections([_line(item, kind=kind) for item in page.items])
    example = "putin" if kind == "actor" else "topic ceasefire"
    footer = [
        *page_blocks(page, noun=noun, pager=pager),
        context(escape(f"Ask about one: {command} {example}")),
    ]
    text = f"{title}: " + ("; ".join(item.name for item in page.items) or "none.")
    return Message(text=text, blocks=fit(blocks, keep=footer, room=1), shareable=True)


def _line(item: Tracked, *, kind: str) -> str:
    count = f"{item.positions} position{'' if item.positions == 1 else 's'}"
    if item.for_others:
        count += f" ({item.for_others} for others)"
    last = f" · last stated {day(item.last_stated)}" if item.last_stated else ""
    about = item.kind if kind == "actor" and item.kind else ""
    described = " — ".join(part for part in (about, item.description) if part)
    first = f"*{escape(item.name)}*" + (f" — {escape(described)}" if described else "")
    return f"{first}\n      {count}{last}"


def alias_message(*, done: AliasDone, command: str) -> Message:
    """An alias added or removed."""
    if done.change == "added":
        text = f"✅ “{done.alias}” now names {done.name}."
    else:
        text = f"✅ “{done.alias}” no longer names {done.name}."
    ask = done.name if done.kind == "actor" else f"topic {done.name}"
    return Message(
        text=text, blocks=[section(escape(text)), context(escape(f"Try: {command} {ask}"))]
    )


def merge_message(*, done: MergeDone, command: str) -> Message:
    """What a merge moved, with the ids a reader can audit."""
    moved = len(done.moved)
    text = (
        f"✅ Merged {done.source} into {done.target}: {moved} position"
        f"{'' if moved == 1 else 's'} moved, “{done.source}” now names {done.target}."
    )
    lines = [escape(text)]
    if done.moved:
        pairs = ", ".join(f"#{old} → #{new}" for old, new in done.moved)
        lines.append(escape(f"Recorded again as: {pairs} (the originals are kept, retracted)."))
    ask = done.target if done.kind == "actor" else f"topic {done.target}"
    return Message(
        text=text,
        blocks=[*sections(lines), context(escape(f"Try: {command} {ask}"))],
    )
