"""Lists of names from CSV (a watch list of actors, a list of topics): read and check.

Every row is checked before anything is written, each problem named by its row number as a
spreadsheet shows it (the header is row 1); one bad row and the file is refused.
"""

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.catalog.creation import MAX_NAME_CHARS
from bot.errors import UserError
from bot.text import normalize_name

MAX_DESCRIPTION_CHARS = 500
MAX_ROWS = 5000
MAX_PROBLEMS_SHOWN = 10
_ALIAS_SPLIT = re.compile(r"[;|]")

Record = Mapping[str | None, str | list[str] | None]


@dataclass
class ImportReport:
    """What loading a list did: names added, updated (aliases, description) or unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases: int = 0  # aliases added to names already tracked

    @property
    def changed(self) -> bool:
        """False when the load found everything already there."""
        return bool(self.added or self.updated)


class _Named(Protocol):
    @property
    def name(self) -> str: ...


_Row = TypeVar("_Row", bound=_Named)


def read_rows(
    text: str,
    *,
    columns: Sequence[str],
    check: Callable[[int, Record], _Row | None],
) -> list[_Row]:
    """The rows of a names CSV (actors or topics) as `check` reads them, each name once, or a
    UserError naming every bad row (the header is row 1)."""
    reader = csv.DictReader(io.StringIO(text))
    header = [(column or "").strip().casefold() for column in reader.fieldnames or []]
    unknown = [column for column in header if column not in columns]
    if "name" not in header or unknown:
        found = ", ".join(unknown) if unknown else "no name column"
        raise UserError(
            f"The header must name the columns {', '.join(columns)} (found: {found[:80]}).",
            hint=f"First line, for example: {','.join(columns)}",
        )
    reader.fieldnames = header
    rows: list[_Row] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for record in reader:
        number = reader.line_num
        if len(rows) + len(problems) >= MAX_ROWS:
            raise UserError(f"The file has more than {MAX_ROWS} rows; split it.")
        try:
            row = check(number, record)
        except ValueError as problem:
            problems.append(f"row {number}: {problem}")
            continue
        if row is None:
            continue
        key = normalize_name(row.name)
        if key in seen:
            problems.append(f"row {number}: “{row.name}” is already on row {seen[key]}.")
            continue
        seen[key] = number
        rows.append(row)
    refuse_rows(problems, hint="Fix those rows and run the import again.")
    return rows


def refuse_rows(problems: list[str], *, hint: str) -> None:
    """A UserError naming the first problems (and how many more), when there are any."""
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    raise UserError(
        "Nothing imported. " + " ".join(shown) + (f" …and {more} more." if more else ""),
        hint=hint,
    )


def checked_name(values: Mapping[str, str]) -> tuple[str, str, tuple[str, ...]] | None:
    """A row's name, description and aliases, checked; None for a blank line."""
    name = values.get("name", "")
    if not any(values.values()):
        return None
    if not normalize_name(name):
        raise ValueError("the name is empty.")
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"the name is over {MAX_NAME_CHARS} characters.")
    description = values.get("description", "")
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise ValueError(f"the description is over {MAX_DESCRIPTION_CHARS} characters.")
    aliases = tuple(a.strip() for a in _ALIAS_SPLIT.split(values.get("aliases", "")) if a.strip())
    if any(len(alias) > MAX_NAME_CHARS for alias in aliases):
        raise ValueError(f"an alias is over {MAX_NAME_CHARS} characters.")
    return name, description, aliases


def cell_values(record: Record) -> dict[str, str]:
    """A CSV record's cells, spacing collapsed; a ValueError when it has too many."""
    if None in record:
        raise ValueError("more fields than the header has columns.")
    return {key: " ".join(str(value or "").split()) for key, value in record.items() if key}
