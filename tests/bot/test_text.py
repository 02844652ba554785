"""Counted nouns: what the bot says has words, never "(s)"."""

import pytest

from bot.text import counted


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 positions"), (1, "1 position"), (3, "3 positions"), (1200, "1,200 positions")],
)
def test_counted_nouns_read_as_words(number: int, expected: str) -> None:
    assert counted(number, "position") == expected


def test_an_irregular_plural_is_given() -> None:
    assert counted(2, "entry", "entries") == "2 entries"
    assert counted(1, "entry", "entries") == "1 entry"
