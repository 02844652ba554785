"""One row of a positions CSV, checked: names resolved, stance, quotes, date and URL read."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.catalog import Named, resolve_actor, resolve_topic
from bot.dates import parse_stated
from bot.errors import BadCommand, UnknownName, UserError
from bot.exports.formats import LIST_COLUMNS, from_spreadsheet, split_list
from bot.grammar import MAX_QUOTE_CHARS
from bot.stances import parse_stance, stance_words
from bot.text import strip_controls
from store import PositionStatus, Stance


@dataclass(frozen=True)
class ImportRow:
    """One checked row, with its names resolved."""

    row: int
    actor: Named
    topic: Named
    stance: Stance
    summary: str
    conditions: tuple[str, ...] | None  # None: the statement did not say its conditions
    quotes: tuple[str, ...]
    stated_at: datetime
    url: str | None
    outlet: str | None
    speaker: Named | None
    exported_id: str
    exported_by: str


class RowChecker:
    """Checks rows, resolving each distinct name once."""

    def __init__(
        self, session: Session, *, zone: ZoneInfo, now: datetime, date_order: str = "DMY"
    ) -> None:
        self.session, self.zone, self.now, self.date_order = session, zone, now, date_order
        self.names: dict[tuple[str, str], Named | str] = {}
        self.unknown: set[str] = set()  # "actor", "topic": kinds with a name nobody tracks

    def check(
        self, number: int, record: dict[str | None, str | list[str] | None]
    ) -> ImportRow | str | None:
        """The row, None for a blank line, a reason to skip it, or ValueError naming its faults."""
        if None in record:
            raise ValueError("more fields than the header has columns.")
        # Invisible and control characters (NUL, bidi overrides …) are dropped, as from any input.
        cells = {
            key: from_spreadsheet(strip_controls(str(value or ""), keep_lines=True).strip())
            for key, value in record.items()
            if key
        }
        if not any(cells.values()):
            return None
        status = cells.get("status", "").casefold()
        if status in {PositionStatus.RETRACTED, PositionStatus.PROPOSED}:
            shown = f" (#{cells['position_id']})" if cells.get("position_id") else ""
            return f"{status} in the export{shown}; not imported."
        faults: list[str] = []
        if status not in {"", PositionStatus.CONFIRMED}:
            faults.append(f"status “{status[:20]}” isn't confirmed or retracted")
        actor = self._name("actor", cells.get("actor", ""), faults)
        topic = self._name("topic", cells.get("topic", ""), faults)
        speaker_name = cells.get("speaker", "")
        speaker = (
            self._name("actor", speaker_name, faults, label="speaker") if speaker_name else None
        )
        stance = parse_stance(cells.get("stance", ""))
        if stance is None:
            faults.append(f"stance “{cells.get('stance', '')[:30]}” isn't one of {stance_words()}")
        lists = {column: tuple(split_list(cells.get(column, ""))) for column in LIST_COLUMNS}
        if not lists["quotes"]:
            faults.append("no quote")
        elif any(len(quote) > MAX_QUOTE_CHARS for quote in lists["quotes"]):
            faults.append(f"a quote is over {MAX_QUOTE_CHARS:,} characters")
        stated_at = self._day(cells.get("stated_on", ""), faults)
        url = cells.get("url") or None
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.netloc or len(url) > 2000:
                faults.append(f"url “{url[:60]}” isn't an http(s) address")
        stated = _yes_or_no(cells.get("conditions_stated", ""), faults)
        if stated is None:  # an export from before the column: conditions given were stated
            stated = bool(lists["conditions"])
        summary, outlet = cells.get("summary", ""), cells.get("outlet") or None
        if len(summary) > 500:
            faults.append("the summary is over 500 characters")
        if outlet is not None and len(outlet) > 200:
            faults.append("the outlet is over 200 characters")
        if faults:
            raise ValueError("; ".join(faults) + ".")
        assert isinstance(actor, Named)
        assert isinstance(topic, Named)
        assert stance is not None
        assert stated_at is not None
        return ImportRow(
            row=number,
            actor=actor,
            topic=topic,
            stance=stance,
            summary=summary,
            conditions=lists["conditions"] if stated else None,
            quotes=lists["quotes"],
            stated_at=stated_at,
            url=url,
            outlet=outlet,
            speaker=speaker if isinstance(speaker, Named) else None,
            exported_id=cells.get("position_id", ""),
            exported_by=cells.get("recorded_by", ""),
        )

    def _name(self, kind: str, query: str, faults: list[str], *, label: str = "") -> Named | None:
        label = label or kind
        if not query:
            faults.append(f"no {label}")
            return None
        found = self.names.get((kind, query))
        if found is None:
            found = self.names[(kind, query)] = self._resolve(kind, query, label)
        if isinstance(found, str):
            faults.append(found)
            return None
        return found

    def _resolve(self, kind: str, query: str, label: str) -> Named | str:
        resolve = resolve_actor if kind == "actor" else resolve_topic
        shown = query if len(query) <= 60 else query[:57] + "…"
        try:
            return resolve(self.session, query=query)
        except UnknownName as error:
            choices = " or ".join(error.choices)
            if error.ambiguous:
                return f"{label} “{shown}” could be {choices or 'more than one ' + kind}"
            self.unknown.add(kind)
            return f"unknown {label} “{shown}”" + (f" (did you mean {choices}?)" if choices else "")
        except BadCommand:
            return f"no {label}"

    def _day(self, text: str, faults: list[str]) -> datetime | None:
        if not text:
            faults.append("no stated_on date")
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            try:
                return parse_stated(text, zone=self.zone, now=self.now, date_order=self.date_order)
            except UserError as error:
                faults.append(f"stated_on “{text[:40]}”: {error.message.rstrip('.')}")
                return None
        if day > self.now.astimezone(self.zone).date():
            faults.append(f"stated_on {day.isoformat()} is in the future")
            return None
        return datetime.combine(day, time(12), tzinfo=UTC)


_YES, _NO = {"yes", "true", "1"}, {"no", "false", "0"}


def _yes_or_no(text: str, faults: list[str]) -> bool | None:
    word = text.casefold()
    if not word:
        return None
    if word not in _YES | _NO:
        faults.append(f"conditions_stated “{text[:20]}” isn't yes or no")
        return None
    return word in _YES
