"""The list of quotes without a speaker on an ingest's answer: shortened, and within 50 blocks."""

from handlers.blocks.kit import Message, section
from handlers.blocks.uncredited import with_uncredited
from store import UncreditedQuote
from tests.handlers.slack.blockkit import assert_valid_blocks

LONG = " ".join(f"word{n}" for n in range(80))  # 554 characters


def _quotes(count: int, quote: str = LONG) -> list[UncreditedQuote]:
    return [UncreditedQuote(id=n, source_id=1, quote=quote, start=n) for n in range(1, count + 1)]


def _answer(blocks: int = 10) -> Message:
    return Message(text="3 candidate positions to review.", blocks=[section("x")] * blocks)


def test_a_long_quote_is_shortened_at_a_word_on_the_list() -> None:
    shown = with_uncredited(_answer(), _quotes(1), command="/stance")
    line = shown.blocks[11]["text"]["text"]
    assert line.startswith("*1.* “word0 word1")
    assert line.endswith("…”")
    quoted = line.removeprefix("*1.* “").removesuffix("…”")
    assert len(quoted) <= 200
    assert LONG.startswith(quoted + " ")  # cut between words
    assert shown.blocks[10]["text"]["text"] == (
        "*1 quote without a speaker I could name — assign a speaker to keep it:*"
    )
    assert shown.text == (
        "3 candidate positions to review. "
        "1 quote without a speaker I could name — assign a speaker to keep it."
    )


def test_past_fifty_blocks_the_rest_are_lines_to_type_and_none_is_lost() -> None:
    shown = with_uncredited(_answer(40), _quotes(30, "one two three four"), command="/stance")
    assert_valid_blocks(shown.blocks)
    buttons = [b["accessory"]["value"] for b in shown.blocks if "accessory" in b]
    assert 0 < len(buttons) < 30
    text = "\n".join(b["text"]["text"] for b in shown.blocks if b["type"] == "section")
    for number in range(1, 31):
        assert f"*{number}.* “one two three four”" in text
    assert shown.blocks[-1]["elements"][0]["text"] == "Or type: /stance assign &lt;number&gt;"


def test_no_uncredited_quotes_leave_the_answer_as_it_was() -> None:
    answer = _answer()
    assert with_uncredited(answer, [], command="/stance") is answer
