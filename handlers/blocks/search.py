"""Blocks for `/stance search`: one line per hit with the matching words in bold."""

from datetime import datetime

from bot.paging import Page
from bot.search import Piece, SearchHit
from bot.stances import LABELS, MARKS
from handlers.blocks.kit import Block, Message, clip, context, day, escape, fit, header, section
from handlers.blocks.paging import Pager, page_blocks

_TIP = "Every word must appear (word endings may differ); “quoted phrases” match exactly."


def search_message(
    *, shown: str, page: Page[SearchHit], as_of: datetime | None, pager: Pager
) -> Message:
    """The page of hits for one search, best first, each with its position id."""
    blocks: list[Block] = [header(f"Search: {shown}")]
    when = f" as of {day(as_of)}" if as_of is not None else ""
    if not page.items:
        blocks.append(section(escape(f"No confirmed statement matches {shown}{when}.")))
        blocks.append(context(escape(_TIP)))
    blocks += [section(clip(_hit_mrkdwn(hit))) for hit in page.items]
    footer = [context(f"As known on {day(as_of)}")] if as_of is not None else []
    footer += page_blocks(page, noun="statements", pager=pager)
    found = f"{page.total} statement{'s' if page.total != 1 else ''}" if page.total else "nothing"
    lines = [
        f"{hit.actor} on {hit.topic}: {LABELS[hit.stance]} ({day(hit.stated_at)}, #{hit.id})"
        + (f" {WITHDRAWN_LATER}" if hit.withdrawn_later else "")
        for hit in page.items
    ]
    text = f"Search {shown}{when}: {found}." + (" " + "; ".join(lines) if lines else "")
    return Message(text=text, blocks=fit(blocks, keep=footer, room=1), shareable=True)


WITHDRAWN_LATER = "Withdrawn later (see its history)"


def _hit_mrkdwn(hit: SearchHit) -> str:
    said_by = f" _(said by {escape(hit.speaker)})_" if hit.speaker else ""
    first = (
        f"{MARKS[hit.stance]} *{escape(hit.actor)}* on *{escape(hit.topic)}* — "
        f"{LABELS[hit.stance]} · {day(hit.stated_at)} · #{hit.id}{said_by}"
    )
    if hit.withdrawn_later:
        first += f"\n⚠️ {WITHDRAWN_LATER}"
    return "\n".join([first, *(_piece_mrkdwn(piece) for piece in hit.pieces)])


def _piece_mrkdwn(piece: Piece) -> str:
    text = "".join(_segment(text, matched) for text, matched in piece.segments)
    if piece.kind == "quote":
        return f"> “{text}”"
    if piece.kind == "condition":
        return f"      Condition: {text}"
    return f"      {text}"


def _segment(text: str, matched: bool) -> str:
    if not matched:
        return escape(text)
    # Slack bolds only `*word*` with no space inside the stars and no star within.
    word = text.replace("*", "")
    core = word.strip()
    if not core:
        return escape(text)
    before, after = word[: len(word) - len(word.lstrip())], word[len(word.rstrip()) :]
    return f"{before}*{escape(core)}*{after}"
