"""One question at a time in the shell: an answer, a default on Enter, a date."""

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.dates import parse_stated
from bot.errors import BadDate

# Reads one line after showing `prompt`; None at the end of input.
ReadLine = Callable[[str], str | None]


def ask(read: ReadLine, question: str, *, default: str = "", shown: str = "") -> str:
    """The answer to `question`, stripped; Enter (or the end of input) gives `default`.

    The default is shown in brackets, as `shown` when given (e.g. "today" for a date).
    """
    label = shown or default
    prompt = f"{question} [{label}]? " if label else f"{question}? "
    answer = (read(prompt) or "").strip()
    return answer or default


def ask_date(
    read: ReadLine,
    question: str,
    *,
    zone: ZoneInfo,
    now: datetime,
    date_order: str = "DMY",
    default: date | None = None,
) -> date:
    """A day on or before today in `zone`; Enter keeps `default` (today if none).

    An unreadable or future day asks again, saying why.
    """
    today = now.astimezone(zone).date()
    day = default or today
    shown = "today" if day == today else f"{day:%-d %b %Y}"
    prefix = ""
    while True:
        typed = ask(read, prefix + question, shown=shown)
        if not typed:
            return day
        try:
            return parse_stated(typed, zone=zone, now=now, date_order=date_order).date()
        except BadDate as bad:
            prefix = f"{bad.message} {bad.hint} ".lstrip()
