"""The export file formats: the stable columns, CSV safe to open in a spreadsheet, and JSON.

CSV cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
or a carriage return) get a leading apostrophe, which spreadsheets show as text and hide; a
cell that starts with an apostrophe before one of those (or another apostrophe) gets one too,
so `from_spreadsheet` gives back exactly what was exported. Lists (conditions, quotes) are
joined with " | " in CSV and are lists in JSON.
"""

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

COLUMNS = (
    "position_id",
    "actor",
    "topic",
    "stance",
    "summary",
    "conditions",
    "conditions_stated",
    "quotes",
    "stated_on",
    "outlet",
    "url",
    "speaker",
    "recorded_by",
    "recorded_at",
    "status",
    "supersedes_id",
    "change",
)
LIST_COLUMNS = frozenset({"conditions", "quotes"})
LIST_SEPARATOR = " | "
FORMATS = ("csv", "json")
BOM = "\ufeff"  # so spreadsheet programs read the file as UTF-8 (curly quotes, accents)

_FORMULA_STARTS = frozenset("=+-@\t\r")
_APOSTROPHE = "'"

Row = dict[str, Any]


def spreadsheet_safe(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs as a formula."""
    if text[:1] in _FORMULA_STARTS or _escaped(text):
        return _APOSTROPHE + text
    return text


def from_spreadsheet(text: str) -> str:
    """A CSV cell as it was before `spreadsheet_safe`."""
    return text[1:] if _escaped(text) else text


def _escaped(text: str) -> bool:
    """An apostrophe before a formula start or another apostrophe: one added on export."""
    return text[:1] == _APOSTROPHE and text[1:2] in _FORMULA_STARTS | {_APOSTROPHE}


def split_list(text: str) -> list[str]:
    """A CSV list cell ("a | b") as its items, blanks dropped; "|" never occurs in an item."""
    return [item.strip() for item in text.split("|") if item.strip()]


def render(rows: Sequence[Row], *, format: str) -> bytes:
    """The rows as a CSV (with a UTF-8 byte-order mark) or JSON file."""
    if format == "json":
        return (json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n").encode()
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return (BOM + out.getvalue()).encode()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return spreadsheet_safe(LIST_SEPARATOR.join(str(item) for item in value))
    return spreadsheet_safe(str(value))
