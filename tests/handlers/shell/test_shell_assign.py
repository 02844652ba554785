"""Quotes without a speaker in the shell and the CLI: listed by ingest, given one by `assign`."""

import json
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from store import Position, Source, UncreditedQuote, make_engine
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

DIPLOMAT = "Nobody here believes the guns will fall silent this spring"
STATEMENT = "The delegations will meet again next week to finalise the monitoring details."
ARTICLE = (
    "KYIV, 4 March 2025 (Reuters) - Talks on the ceasefire continued on Tuesday.\n\n"
    "“We are studying the ceasefire idea carefully,” Putin said.\n\n"
    f"“{DIPLOMAT},” one diplomat in the room said.\n\n"
    "Officials described the mood as “cautiously hopeful”.\n\n"
    f"A statement posted later read: “{STATEMENT}”\n"
)


def _shell(tmp_path: Path, *lines: str) -> str:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def _rows(db_url: str) -> list[UncreditedQuote]:
    with Session(make_engine(db_url)) as session:
        return list(session.exec(select(UncreditedQuote).order_by(col(UncreditedQuote.id))))


def test_ingest_lists_the_quotes_without_a_speaker_by_their_number(
    seeded: Path, fresh_db_url: str
) -> None:
    out = _shell(seeded, "/stance ingest @article.txt", "/stance ingest @article.txt")
    first, again = out.split("standpoint> /stance ingest @article.txt")[1:]
    rows = _rows(fresh_db_url)
    assert [row.quote for row in rows] == [DIPLOMAT, STATEMENT]
    for answer in (first, again):  # the same numbers, stored once
        assert "2 quotes without a speaker I could name — assign a speaker to keep one:" in answer
        assert f"{rows[0].id}. “{DIPLOMAT}”" in answer
        assert f"{rows[1].id}. “{STATEMENT}”" in answer
        assert "cautiously hopeful" not in answer
        assert "/stance assign <number>" in answer


def test_assign_prompts_with_the_quote_and_records_it_on_the_article(
    seeded: Path, fresh_db_url: str
) -> None:
    out = _shell(
        seeded,
        "/stance ingest @article.txt",
        "/stance assign 1",
        "Andriy Yermak",
        "ceasefire",
        "opposes",
        *[""] * 5,  # Enter keeps the quote, summary, conditions, link and the article's day
        "/stance assign 1",
        "/stance assign 42",
    )
    assert "Quote 1 from Reuters, published 4 Mar 2025" in out
    assert f"Verbatim quote [{DIPLOMAT}]?" in out
    assert "Date said [4 Mar 2025]?" in out
    assert "Recorded as position #8" in out
    assert "Quote 1 is already assigned (#8)." in out
    assert "There is no quote 42 waiting for a speaker." in out
    with Session(make_engine(fresh_db_url)) as session:
        position = session.get(Position, 8)
        assert position is not None
        assert position.quotes == [DIPLOMAT]
        source = session.get(Source, position.source_id)
        assert source is not None
        assert source.outlet == "Reuters"
        assert position.stated_at.date().isoformat() == "2025-03-04"
        assert (
            len(session.exec(select(Position).where(Position.recorded_by == "U_DESK")).all()) == 2
        )
    assert [row.assigned_position_id for row in _rows(fresh_db_url)] == [8, None]


def test_leaving_the_speaker_empty_records_nothing(seeded: Path, fresh_db_url: str) -> None:
    out = _shell(seeded, "/stance ingest @article.txt", "/stance assign 2", "")
    assert "Nothing recorded; quote 2 is still waiting for a speaker." in out
    assert [row.assigned_position_id for row in _rows(fresh_db_url)] == [None, None]


def test_the_json_preview_lists_the_uncredited_quotes_and_records_nothing(
    seeded: Path, fresh_db_url: str
) -> None:
    (seeded / "story.txt").write_text(ARTICLE, encoding="utf-8")
    shown = run(["ingest", "story.txt", "--json"], seeded)
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert [item["quote"] for item in found["uncredited"]] == [DIPLOMAT, STATEMENT]
    for item in found["uncredited"]:
        assert set(item) == {"quote", "start", "end"}
        assert ARTICLE[item["start"] : item["end"]] == item["quote"]
    assert _rows(fresh_db_url) == []
    human = run(["ingest", "story.txt"], seeded).stdout
    assert "2 quotes without a speaker I could name:" in human
    assert f"“{DIPLOMAT}” [{found['uncredited'][0]['start']}–" in human
