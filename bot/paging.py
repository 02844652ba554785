"""Pages of a long answer, cut by items (statements, actors, drafts), never by blocks.

Every item is on exactly one page and every count a reader sees counts items, so nothing
is dropped when an answer is longer than one Slack message can hold.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from bot.errors import BadCommand

PAGE_SIZE = 20  # list lines (statements, actors, topics, drafts) per page
POSITIONS_PAGE_SIZE = 5  # whole positions (conditions, quotes, source) per page

# "… page N" at the end, or just before "as of <date>": both orders read the same.
_PAGE = re.compile(
    r"^(?:(?P<body>.*?)\s+)?page\s+(?P<number>\d+)(?P<as_of>\s+as\s+of\s+.*)?$",
    re.IGNORECASE | re.DOTALL,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, which page it is, and how many items there are in all."""

    items: tuple[T, ...]
    number: int
    size: int
    total: int

    @property
    def first(self) -> int:
        """1-based position of the first item shown (0 when the page is empty)."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last(self) -> int:
        """1-based position of the last item shown."""
        return self.first + len(self.items) - 1 if self.items else 0

    @property
    def pages(self) -> int:
        """How many pages the whole list fills (at least one)."""
        return pages_for(self.total, self.size)

    @property
    def has_more(self) -> bool:
        """Whether a later page exists."""
        return self.number < self.pages


def pages_for(total: int, size: int) -> int:
    """Pages needed for `total` items, `size` to a page (an empty list is one page)."""
    return max(1, ceil(total / size))


def check_page(number: int, *, total: int, size: int) -> None:
    """Refuse a page past the end, saying how many there are."""
    pages = pages_for(total, size)
    if number > pages:
        raise BadCommand(
            f"There is no page {number:,}: this answer has {pages} page{'s' if pages > 1 else ''}.",
            hint=f"Ask for page 1 to {pages}." if pages > 1 else "Ask without a page number.",
        )


def page_of(items: Sequence[T], *, number: int, size: int = PAGE_SIZE) -> Page[T]:
    """Page `number` (from 1) of `items`."""
    check_page(number, total=len(items), size=size)
    start = (number - 1) * size
    return Page(
        items=tuple(items[start : start + size]), number=number, size=size, total=len(items)
    )


def split_page(text: str) -> tuple[str, int]:
    """`… page N [as of <date>]` → (the text without the page, N); page 1 when none is named."""
    match = _PAGE.match(text.strip())
    if match is None:
        return text.strip(), 1
    number = int(match["number"])
    if number < 1:
        raise BadCommand("Pages start at 1.", hint="Try: history putin on ceasefire page 2")
    return f"{match['body'] or ''}{match['as_of'] or ''}".strip(), number


def only_page(text: str) -> int:
    """The page of a command that takes nothing else (`pending page 2`)."""
    rest, number = split_page(text)
    if rest:
        raise BadCommand(f"“{rest[:40]}” isn't a page number.", hint="Try: pending page 2")
    return number
