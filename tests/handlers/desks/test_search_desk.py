"""`search` through the command core every transport shares: answers, never failures."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.desks.commands import Dispatcher


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_any_search_text_gets_an_answer_never_a_failure(dispatcher: Dispatcher, text: str) -> None:
    message = dispatcher.handle(f"search {text}", user="U_DESK")
    assert message.text
    assert "something went wrong" not in message.text


def test_a_100_kb_search_is_refused_with_its_length(dispatcher: Dispatcher) -> None:
    message = dispatcher.handle("search " + "ceasefire " * 10_240, user="U_DESK")
    assert "102,407 characters long" in message.text
    assert "Search:" not in message.text


def test_a_search_over_300_characters_is_refused_not_cut(dispatcher: Dispatcher) -> None:
    message = dispatcher.handle("search " + "ceasefire " * 40, user="U_DESK")
    assert "That search is 399 characters long; the limit is 300." in message.text


def test_the_answer_names_each_hit_and_its_id(dispatcher: Dispatcher) -> None:
    message = dispatcher.handle('search "frozen conflict" as of 2025', user="U_DESK")
    assert message.text == (
        "Search “frozen conflict” as of 31 Dec 2025: 1 statement. "
        "Ukraine on Frozen conflict: Opposes (13 Mar 2025, #5)"
    )
    assert message.shareable
