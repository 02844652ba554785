"""Every command against the seeded database, asserting what a reader sees."""

import json

import pytest
from sqlalchemy import Engine

from handlers.blocks import Message
from handlers.desks.commands import Dispatcher
from store import AuditEvent, Position, Source
from tests.conftest import NOW, count_rows

PUTIN_QUOTE = "The idea itself is correct, and we certainly support it."


def _all_text(message: Message) -> str:
    """Everything a reader of the blocks sees, as one string."""
    return json.dumps(message.blocks, ensure_ascii=False)


def ask(dispatcher: Dispatcher, text: str) -> Message:
    return dispatcher.handle(text, user="U_REPORTER", now=NOW)


def test_putin_on_ceasefire_is_conditional_with_quote_outlet_and_conditions(
    dispatcher: Dispatcher,
) -> None:
    message = ask(dispatcher, "putin on ceasefire")
    seen = _all_text(message)
    assert message.blocks[0]["text"]["text"] == "Vladimir Putin on US ceasefire proposal"
    assert "Conditional support" in seen
    assert PUTIN_QUOTE in seen
    assert "Reference article" in seen
    assert "13 Mar 2025" in seen
    assert "Guarantees that Ukrainian troops will not use the pause" in seen
    assert "First statement recorded" in seen
    assert "Conditional support" in message.text
    assert "Reference article" in message.text


def test_actor_overview_lists_every_topic(dispatcher: Dispatcher) -> None:
    seen = _all_text(ask(dispatcher, "the Russian President"))
    assert "US ceasefire proposal" in seen
    assert "Kursk truce" in seen
    assert "Unclear" in seen


def test_actor_with_no_statement_says_so(dispatcher: Dispatcher) -> None:
    message = ask(dispatcher, "rutte")
    assert "No statement recorded for Mark Rutte" in _all_text(message)


def test_topic_board_shows_every_actor(dispatcher: Dispatcher) -> None:
    message = ask(dispatcher, "topic cessation of hostilities")
    seen = _all_text(message)
    assert "US ceasefire proposal — where everyone stands" in seen
    assert "Vladimir Putin" in seen
    assert "Donald Trump" in seen
    assert (
        message.text
        == "US ceasefire proposal: Donald Trump: Supports; Vladimir Putin: Conditional support"
    )


def test_history_after_a_quick_add_shows_the_shift(dispatcher: Dispatcher, engine: Engine) -> None:
    added = ask(
        dispatcher,
        'add putin on ceasefire: opposes "There will be no truce." https://www.example.com/putin',
    )
    assert "Recorded as position" in added.text
    assert "Shift" in _all_text(added)
    assert "was Conditional support" in _all_text(added)
    history = ask(dispatcher, "history putin on ceasefire")
    seen = _all_text(history)
    assert seen.index("There will be no truce.") < seen.index(PUTIN_QUOTE[:20])
    assert "example.com" in seen
    assert count_rows(engine, Source) == 2
    latest = ask(dispatcher, "putin on ceasefire")
    assert "Opposes" in latest.text
    assert "U_REPORTER" in _all_text(latest)


def test_as_of_answers_as_known_then(dispatcher: Dispatcher) -> None:
    ask(dispatcher, 'add putin on ceasefire: opposes "No truce."')
    then = ask(dispatcher, "putin on ceasefire as of 13 March 2025")
    assert "Conditional support" in then.text
    assert "As known on 13 Mar 2025" in _all_text(then)
    before = ask(dispatcher, "topic ceasefire as of 2025-03-12")
    assert "No statement recorded on US ceasefire proposal as of 12 Mar 2025" in _all_text(before)
    # The quick add is stamped NOW (25 Nov 2026): "as of yesterday" predates it.
    assert "Conditional support" in ask(dispatcher, "putin on ceasefire as of yesterday").text


def test_help_lists_the_grammar(dispatcher: Dispatcher) -> None:
    seen = _all_text(ask(dispatcher, "help"))
    for usage in (
        "topic &lt;topic&gt;",
        "history &lt;actor&gt; on &lt;topic&gt;",
        "as of &lt;date&gt;",
    ):
        assert usage in seen


BAD_INPUT = [
    ("", "Standpoint commands"),
    ("frobnicate the widgets", "I don't know an actor called “frobnicate the widgets”"),
    ("obama on ceasefire", "I don't know an actor called “obama”"),
    ("putin on healthcare", "I don't know a topic called “healthcare”"),
    ("Vladimir Zelensky", "Did you mean “Vladimir Putin”"),
    ("putin on ceasefire as of the day after never", "can't read"),
    ("putin on ceasefire as of 2031-01-01", "in the future"),
    ("x" * 10_000, "10,000 characters"),
    ("put\x00in\x07 on \x1b[31mceasefire", "Conditional support"),
    ("'; DROP TABLE position; --", "I don't know an actor"),
    ("putin on ceasefire' OR '1'='1", "I don't know a topic"),
    ('add obama on ceasefire: supports "Yes."', "No actor I know is close"),
    ('add putin on ceasefire: perhaps "Yes."', "isn't a stance"),
    ("digest sometimes", "isn't something I can do"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_INPUT)
def test_bad_input_gets_a_short_helpful_answer_and_writes_nothing(
    dispatcher: Dispatcher, engine: Engine, text: str, expected: str
) -> None:
    before = (count_rows(engine, Position), count_rows(engine, AuditEvent))
    message = ask(dispatcher, text)
    assert expected in message.text
    assert "Traceback" not in message.text
    assert len(message.text) < 600
    assert (count_rows(engine, Position), count_rows(engine, AuditEvent)) == before


def test_duplicate_add_is_refused_politely(dispatcher: Dispatcher, engine: Engine) -> None:
    ask(dispatcher, 'add trump on kursk: unclear "We will see."')
    before = count_rows(engine, Position)
    again = ask(dispatcher, 'add trump on kursk: unclear "We will see."')
    assert "already recorded" in again.text
    assert count_rows(engine, Position) == before


def test_a_broken_database_gives_a_reference_not_a_traceback(
    dispatcher: Dispatcher, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE actor_topic")
    message = ask(dispatcher, "putin")
    assert "something went wrong on our side and nothing was changed" in message.text
    assert "Traceback" not in message.text
    reference = message.text.rsplit(" ", 1)[-1].rstrip(".")
    logged = [r for r in caplog.records if r.exc_info and reference in r.getMessage()]
    assert logged, "the reference shown to the user must be in the error log"
    assert "command=ActorQuery" in logged[0].getMessage()


def test_names_with_markup_are_escaped(dispatcher: Dispatcher) -> None:
    message = ask(dispatcher, "<!channel> & <@U123>")
    seen = _all_text(message)
    assert "<!channel>" not in seen
    assert "<@U123>" not in seen
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in seen
