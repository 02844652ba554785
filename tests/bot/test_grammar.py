"""The command grammar, and what it refuses."""

import pytest

from bot.errors import BadCommand, InputTooLong
from bot.grammar import (
    ActorQuery,
    AddForm,
    AddStatement,
    Audit,
    Decide,
    DigestCommand,
    EditDraft,
    Help,
    HistoryQuery,
    Ingest,
    PairQuery,
    Pending,
    RetryDraft,
    Review,
    Summarize,
    TopicQuery,
    parse_command,
)
from store import Stance


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("help", Help()),
        ("putin", ActorQuery(actor="putin")),
        ("putin on ceasefire", PairQuery(actor="putin", topic="ceasefire")),
        ("Trump ON attack on US allies", PairQuery(actor="Trump", topic="attack on US allies")),
        ("topic ceasefire", TopicQuery(topic="ceasefire")),
        ("history putin on ceasefire", HistoryQuery(actor="putin", topic="ceasefire")),
        (
            "putin on ceasefire as of 13 March 2025",
            PairQuery(actor="putin", topic="ceasefire", as_of="13 March 2025"),
        ),
        ("topic ceasefire AS OF yesterday", TopicQuery(topic="ceasefire", as_of="yesterday")),
        ("putin as of 2025-03-13", ActorQuery(actor="putin", as_of="2025-03-13")),
        ("add", AddForm()),
        ("summarize ceasefire", Summarize(topic="ceasefire")),
        ("digest", DigestCommand()),
        ("digest now", DigestCommand(action="now")),
        (
            "digest at 07:30 Europe/London",
            DigestCommand(action="at", argument="07:30 Europe/London"),
        ),
        ("pending", Pending()),
        ("approve 7", Decide(verb="approve", draft_id=7)),
        (
            "reject #7 not neutral enough",
            Decide(verb="reject", draft_id=7, reason="not neutral enough"),
        ),
        ("audit 7", Audit(draft_id=7)),
        ("edit #7", EditDraft(draft_id=7)),
        ("Retry 7", RetryDraft(draft_id=7)),
        ("confirm 12", Review(verb="confirm", position_id=12)),
        ("confirm 12 on US allies", Review(verb="confirm", position_id=12, topic="US allies")),
        (
            "confirm 12 on truce stated 13 March 2025",
            Review(verb="confirm", position_id=12, stated="13 March 2025", topic="truce"),
        ),
        ("ingest https://example.com/a", Ingest(source="https://example.com/a")),
    ],
)
def test_commands_parse(text: str, expected: object) -> None:
    assert parse_command(text) == expected


def test_quick_add_with_curly_quotes_and_url() -> None:
    parsed = parse_command(
        "add Putin on ceasefire: opposes “We will not accept it” https://example.com/story"
    )
    assert parsed == AddStatement(
        actor="Putin",
        topic="ceasefire",
        stance=Stance.OPPOSES,
        quote="We will not accept it",
        url="https://example.com/story",
    )


def test_quick_add_accepts_stance_synonyms_and_no_url() -> None:
    parsed = parse_command('add trump on ceasefire: conditional support "Only if they sign"')
    assert isinstance(parsed, AddStatement)
    assert parsed.stance is Stance.CONDITIONAL
    assert parsed.url is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('add putin on ceasefire: maybe "x"', "isn't a stance"),
        ("add putin on ceasefire: opposes no quotes here", "couldn't read"),
        ('add putin on ceasefire: opposes "x" ftp://example.com', "isn't a web address"),
        ('add putin on ceasefire: opposes "x" not-a-url', "isn't a web address"),
        ("topic", "Which topic"),
        ("history putin", "needs an actor and a topic"),
        ("approve seven", "Approve which draft?"),
        ("edit", "Edit which draft?"),
        ("retry putin", "Retry which draft?"),
        ("summarize", "Summarize which topic?"),
        ("ingest", "Ingest what?"),
    ],
)
def test_bad_commands_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(BadCommand, match=message):
        parse_command(text)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(InputTooLong, match="10,000 characters"):
        parse_command("putin " + "x" * 9994)


def test_control_characters_are_dropped() -> None:
    assert parse_command("put\x00in\x1b on cease\u202efire") == PairQuery(
        actor="putin", topic="ceasefire"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("history putin on ceasefire page 2", HistoryQuery("putin", "ceasefire", None, 2)),
        ("putin on truce as of 2025-03-13 page 3", PairQuery("putin", "truce", "2025-03-13", 3)),
        (
            "putin on truce page 3 as of 13 March 2025",
            PairQuery("putin", "truce", "13 March 2025", 3),
        ),
        ("topic ceasefire PAGE 2", TopicQuery("ceasefire", None, 2)),
        ("yermak page 4", ActorQuery("yermak", None, 4)),
        ("pending page 2", Pending(page=2)),
        ("larry page", ActorQuery("larry page")),  # "page" without a number is part of a name
    ],
)
def test_any_list_question_can_name_its_page(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("topic ceasefire page 0", "Pages start at 1"), ("pending soon", "isn't a page number")],
)
def test_bad_page_numbers_explain_themselves(text: str, message: str) -> None:
    with pytest.raises(BadCommand, match=message):
        parse_command(text)
