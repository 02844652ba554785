"""Dates written after a query without "as of": "as at <date>", "on <date>".

Read with a cheap pattern for the obvious shapes only, so that "putin on ceasefire" (an
actor "on" a topic) never looks like a date; anything subtler stays a topic name.
"""

import re

from bot.calendar_days import impossible_day
from bot.errors import BadCommand

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH},?\s+\d{{4}}|(?:19|20)\d{{2}}|yesterday|today)"
)
_AS_AT = re.compile(r"^(?P<body>.*?)\s+as\s+at\s+(?P<date>.+)$", re.IGNORECASE | re.DOTALL)
_ON_DATE = re.compile(rf"^(?P<body>.*?)\s+on\s+(?P<date>{_DATE})$", re.IGNORECASE)


def refuse_other_date_words(text: str) -> None:
    """BadCommand pointing at "as of" when `text` ends "as at <…>" or "on <a date>"."""
    match = _AS_AT.match(text) or _ON_DATE.match(text.strip())
    if match is None:
        return
    word = "as at" if match.re is _AS_AT else "on"
    day = match["date"].strip()[:40]
    # Say at once if the day itself cannot be, rather than after the reporter retypes it.
    problem = impossible_day(day)
    raise BadCommand(
        f"For a date, use *as of* rather than “{word}”: “… as of {day}”."
        + (f" (There is no “{day}”: {problem})" if problem else ""),
        hint="Try: putin on ceasefire as of 13 March 2025",
    )
