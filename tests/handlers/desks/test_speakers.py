"""A spokesperson's own words: what they said for others answers questions about them."""

import json

from handlers.blocks import Message
from handlers.desks.commands import Dispatcher
from tests.conftest import NOW

UKRAINE_QUOTE = "frozen conflict with Russia"  # the seed: Ukraine's position, voiced by Yermak


def ask(dispatcher: Dispatcher, text: str) -> Message:
    return dispatcher.handle(text, user="U_REPORTER", now=NOW)


def _seen(message: Message) -> str:
    return json.dumps(message.blocks, ensure_ascii=False)


def test_a_spokespersons_words_for_others_answer_the_pair_question(
    dispatcher: Dispatcher,
) -> None:
    answer = ask(dispatcher, "yermak on frozen conflict")
    seen = _seen(answer)
    assert answer.blocks[0]["text"]["text"] == "Andriy Yermak on Frozen conflict"
    assert "No statement recorded" not in seen
    assert "*Speaking for Ukraine:* 🔴 *Opposes*" in seen
    assert UKRAINE_QUOTE in seen
    assert "Reference article" in seen
    assert answer.text.startswith(
        "Andriy Yermak on Frozen conflict: Speaking for Ukraine: Opposes."
    )


def test_own_words_and_words_for_others_are_both_shown(dispatcher: Dispatcher) -> None:
    added = ask(dispatcher, 'add yermak on frozen conflict: opposes "No freezing, ever."')
    assert "Recorded as position" in added.text
    seen = _seen(ask(dispatcher, "yermak on frozen conflict"))
    assert "No freezing, ever." in seen
    assert UKRAINE_QUOTE in seen
    assert seen.index("No freezing, ever.") < seen.index("Speaking for Ukraine")


def test_a_spokespersons_history_holds_what_they_said_for_others(dispatcher: Dispatcher) -> None:
    before = _seen(ask(dispatcher, "history yermak on frozen conflict"))
    assert "No statement recorded" not in before
    assert "*Speaking for Ukraine:* 🔴 *Opposes*" in before
    assert UKRAINE_QUOTE in before
    ask(dispatcher, 'add yermak on frozen conflict: opposes "No freezing, ever."')
    after = _seen(ask(dispatcher, "history yermak on frozen conflict"))
    assert after.index("No freezing, ever.") < after.index(UKRAINE_QUOTE)  # newest first
    # Ukraine's own history is unchanged by Yermak speaking for himself.
    assert "No freezing, ever." not in _seen(ask(dispatcher, "history ukraine on frozen conflict"))
