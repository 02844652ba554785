"""Quotes an ingest could credit to nobody: listed, stored once, and given a speaker."""

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

import bot.ingest.candidates.propose
import bot.ingest.quote_assign
from bot.errors import BadCommand, UserError
from bot.grammar import Assign, parse_command
from bot.ingest.attribution import QuoteFinding
from bot.ingest.candidates.propose import IngestReport, ingest_text
from bot.ingest.quote_assign import assign_quote, assignment_form
from bot.ingest.uncredited import MIN_WORDS, uncredited_findings
from bot.llm import LLM
from bot.positions.forms import PositionForm
from store import AuditEvent, Position, Source, UncreditedQuote, unit_of_work
from tests.conftest import count_rows
from tests.fakes.openai_api import FakeOpenAI, LLMReply

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
PUTIN = "We are studying the ceasefire idea carefully"
DIPLOMAT = "Nobody here believes the guns will fall silent this spring"
STATEMENT = "The delegations will meet again next week to finalise the monitoring details."
ARTICLE = (
    "KYIV, 4 March 2025 (Reuters) - Talks on the ceasefire continued on Tuesday.\n\n"
    f"“{PUTIN},” Putin said.\n\n"
    f"“{DIPLOMAT},” one diplomat in the room said.\n\n"
    "Officials described the mood as “cautiously hopeful”.\n\n"
    f"A statement posted later read: “{STATEMENT}”\n"
)


def _ingest(engine: Engine, text: str = ARTICLE, llm: LLM | None = None) -> IngestReport:
    with unit_of_work(engine) as session:
        return ingest_text(
            session,
            text=text,
            url=None,
            title="",
            outlet=None,
            llm=llm,
            recorded_by="U0REPORTER",
            now=NOW,
        )


def _with_llm(engine: Engine, candidates: list[dict[str, Any]]) -> IngestReport:
    with FakeOpenAI() as fake:
        fake.script(LLMReply.json({"candidates": candidates}))
        llm = LLM(
            api_key="sk-test-0000", base_url=fake.base_url, model="m", timeout=5, max_retries=0
        )
        return _ingest(engine, llm=llm)


def _rows(engine: Engine) -> list[UncreditedQuote]:
    with Session(engine) as session:
        return list(session.exec(select(UncreditedQuote).order_by(col(UncreditedQuote.id))))


def _form(**fields: Any) -> PositionForm:
    start: dict[str, Any] = {"actor": "yermak", "topic": "ceasefire", "stance": "opposes"}
    return PositionForm(**{**start, "quote": DIPLOMAT, **fields})


def test_ingest_keeps_the_quotes_it_could_credit_to_nobody(engine: Engine) -> None:
    report = _ingest(engine)
    assert [p.quotes[0] for p in report.candidates] == [PUTIN]
    # Putin's quote is a candidate; “cautiously hopeful” is under MIN_WORDS words.
    assert [row.quote for row in report.uncredited] == [DIPLOMAT, STATEMENT]
    rows = _rows(engine)
    assert [(row.quote, row.source_id) for row in rows] == [
        (DIPLOMAT, report.source_id),
        (STATEMENT, report.source_id),
    ]
    for row in rows:
        assert ARTICLE[row.start : row.start + len(row.quote)] == row.quote
        assert row.assigned_position_id is None


def test_ingesting_the_article_again_lists_the_same_rows(engine: Engine) -> None:
    first = _ingest(engine)
    again = _ingest(engine)
    assert [row.id for row in again.uncredited] == [row.id for row in first.uncredited]
    assert count_rows(engine, UncreditedQuote) == 2


def test_the_offline_extractor_runs_once_with_or_without_an_llm(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = bot.ingest.candidates.propose.find_quotes

    def counted(text: str, **names: Any) -> list[QuoteFinding]:
        calls.append(text)
        return real(text, **names)

    monkeypatch.setattr(bot.ingest.candidates.propose, "find_quotes", counted)
    _ingest(engine)
    assert len(calls) == 1
    report = _with_llm(
        engine,
        [
            {
                "speaker": "Putin",
                "actor": "Putin",
                "topic": "ceasefire",
                "stance": "undecided",
                "conditions": [],
                "summary": "Studying it.",
                "quote": STATEMENT,  # the model gives the statement to Putin
            }
        ],
    )
    assert len(calls) == 2
    # The model's candidate covers the statement; the diplomat's words are still nobody's.
    assert [p.quotes[0] for p in report.candidates] == [STATEMENT]
    assert [row.quote for row in report.uncredited] == [DIPLOMAT]


def test_a_quote_is_covered_when_either_holds_the_other() -> None:
    findings = [
        QuoteFinding(quote=q, speaker=None, sentence="", paragraph="", start=n)
        for n, q in enumerate([DIPLOMAT, STATEMENT, "one two three four", "one two three"])
    ]
    kept = uncredited_findings(findings, covered=["Nobody here  believes", f"“{STATEMENT}” more"])
    assert [f.quote for f in kept] == ["one two three four"]
    assert MIN_WORDS == 4
    said = QuoteFinding(quote=DIPLOMAT, speaker="Putin", sentence="", paragraph="", start=0)
    new = QuoteFinding(
        quote=DIPLOMAT, speaker=None, sentence="", paragraph="", start=0, new_speaker="Al Bo"
    )
    assert uncredited_findings([said, new], covered=[]) == []


def test_assigning_records_the_statement_on_the_article_and_marks_the_quote(
    engine: Engine,
) -> None:
    report = _ingest(engine)
    quote_id = report.uncredited[0].id
    assert quote_id is not None
    with unit_of_work(engine) as session:
        assignment = assignment_form(session, quote_id=quote_id, zone=UTC, now=NOW)
        assert assignment.form.quote == DIPLOMAT
        assert assignment.form.stated_on.isoformat() == "2025-03-04"  # type: ignore[union-attr]
        assert (assignment.title, assignment.outlet) == ("", "Reuters")
        position = assign_quote(
            session,
            quote_id=quote_id,
            form=_form(stated_on=assignment.form.stated_on),
            user="U0ALICE",
            zone=UTC,
            now=NOW,
        )
        position_id = position.id
    with Session(engine) as session:
        recorded = session.get(Position, position_id)
        assert recorded is not None
        assert recorded.quotes == [DIPLOMAT]
        assert recorded.source_id == report.source_id
        source = session.get(Source, report.source_id)
        assert source is not None
        assert recorded.stated_at == source.published_at
        assert recorded.recorded_by == "U0ALICE"
        row = session.get(UncreditedQuote, quote_id)
        assert row is not None
        assert row.assigned_position_id == position_id
        assert session.exec(
            select(AuditEvent).where(
                AuditEvent.action == "position.assigned", AuditEvent.subject_id == position_id
            )
        ).one().detail == {"uncredited_quote": quote_id, "source_id": report.source_id}
    again = _ingest(engine)
    assert [row.quote for row in again.uncredited] == [STATEMENT]  # assigned: off the list


def test_a_quote_is_assigned_once_and_an_unknown_one_is_refused(engine: Engine) -> None:
    quote_id = _ingest(engine).uncredited[0].id
    assert quote_id is not None
    with unit_of_work(engine) as session:
        first = assign_quote(
            session, quote_id=quote_id, form=_form(), user="U0ALICE", zone=UTC, now=NOW
        )
    taken = rf"^Quote {quote_id} is already assigned \(#{first.id}\)"
    with pytest.raises(UserError, match=taken), unit_of_work(engine) as session:
        assign_quote(
            session,
            quote_id=quote_id,
            form=_form(actor="putin"),
            user="U0BOB",
            zone=UTC,
            now=NOW,
        )
    unknown = "There is no quote 999 waiting for a speaker"
    with pytest.raises(UserError, match=unknown), unit_of_work(engine) as session:
        assignment_form(session, quote_id=999, zone=UTC, now=NOW)
    with Session(engine) as session:
        assert len(session.exec(select(Position).where(Position.recorded_by == "U0BOB")).all()) == 0


def test_an_undated_article_leaves_the_day_to_the_reporter(engine: Engine) -> None:
    undated = ARTICLE.split("\n\n", 1)[1]
    quote_id = _ingest(engine, text=undated).uncredited[0].id
    assert quote_id is not None
    with unit_of_work(engine) as session:
        assert assignment_form(session, quote_id=quote_id, zone=UTC, now=NOW).form.stated_on is None
        position = assign_quote(
            session, quote_id=quote_id, form=_form(), user="U0ALICE", zone=UTC, now=NOW
        )
        assert position.stated_at == NOW  # said today, as the add form records it


def test_assign_is_in_the_grammar() -> None:
    assert parse_command("assign 5") == Assign(quote_id=5)
    assert parse_command("assign #5") == Assign(quote_id=5)
    for wrong in ("assign", "assign D5", "assign 5 now"):
        with pytest.raises(BadCommand, match=r"[Aa]ssign"):
            parse_command(wrong)


def test_a_quote_assigned_meanwhile_is_refused_and_nothing_is_written(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    quote_id = _ingest(engine).uncredited[0].id
    assert quote_id is not None
    with unit_of_work(engine) as session:
        stale = assignment_form(session, quote_id=quote_id, zone=UTC, now=NOW)
    with unit_of_work(engine) as session:
        first = assign_quote(
            session, quote_id=quote_id, form=_form(), user="U0ALICE", zone=UTC, now=NOW
        )
    # The second reporter's check ran before the first saved: only the row's update decides.
    monkeypatch.setattr(bot.ingest.quote_assign, "assignment_form", lambda *_, **__: stale)
    taken = rf"^Quote {quote_id} is already assigned \(#{first.id}\)"
    with pytest.raises(UserError, match=taken), unit_of_work(engine) as session:
        assign_quote(
            session, quote_id=quote_id, form=_form(actor="putin"), user="U0BOB", zone=UTC, now=NOW
        )
    with Session(engine) as session:
        assert session.exec(select(Position).where(Position.recorded_by == "U0BOB")).all() == []
        row = session.get(UncreditedQuote, quote_id)
        assert row is not None
        assert row.assigned_position_id == first.id
