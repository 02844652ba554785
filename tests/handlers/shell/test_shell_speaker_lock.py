"""The speaker lock through the console script: an LLM candidate whose words the article gives
to someone else is marked in the shell's list and in `ingest --json`, refused on confirm, and
fixed with `edit #<id>`."""

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from store import CandidateProblem, Position, PositionStatus
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

ARTICLE = (
    "WASHINGTON, March 14 (Reuters) - Trump and Putin spoke about the ceasefire.\n\n"
    "“We will never accept that ceasefire,” Trump said.\n\n"
    "“The ceasefire needs more work,” Putin said.\n"
)
PROBLEM = "the article gives these words to Donald Trump, not Vladimir Putin"


def putin_saying(quote: str) -> dict[str, Any]:
    return {
        "speaker": "Putin",
        "actor": "Vladimir Putin",
        "topic": "ceasefire",
        "stance": "opposes",
        "conditions": [],
        "summary": "",
        "quote": quote,
    }


# The first is Trump's words given to Putin; the second is Putin's own.
CANDIDATES = [
    putin_saying("We will never accept that ceasefire"),
    putin_saying("The ceasefire needs more work"),
]


def _run(tmp_path: Path, args: list[str], script: str = "") -> str:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with FakeOpenAI() as fake:
        fake.script(LLMReply.json({"candidates": CANDIDATES}))
        result = run(
            args,
            tmp_path,
            script,
            OPENAI_API_KEY="sk-test-000000000000000000",
            OPENAI_BASE_URL=fake.base_url,
            STANDPOINT_LLM_RETRIES="0",
        )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def _desk(engine: Engine) -> list[Position]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Position).where(Position.recorded_by == "U_DESK").order_by(col(Position.id))
            )
        )


def test_the_shell_marks_refuses_and_edits_a_swapped_speaker(
    tmp_path: Path, database: Engine
) -> None:
    typed = [
        "/stance ingest @article.txt",
        "/stance confirm 7",
        "/stance confirm 7 as supports",
        # The add form's prompts: the actor becomes Trump, Enter keeps everything else.
        "/stance edit #7",
        "Donald Trump",
        *[""] * 7,
        "/stance confirm 8",
    ]
    out = _run(tmp_path, ["shell", "--as", "U_DESK"], "\n".join(typed) + "\n")
    listed = out.split("standpoint> /stance confirm 7", 1)[0]
    swapped, right = listed.split("#7 ", 1)[1].split("#8 ", 1)
    assert f"⚠ {PROBLEM} — Edit to choose the speaker, or Discard" in " ".join(swapped.split())
    assert "⚠" not in right.split("Extracted by")[0]
    assert "[Confirm]" not in swapped  # only Edit and Discard are offered
    assert "[Confirm]" in right
    refusal = f"Candidate #7 can't be confirmed as it is: {PROBLEM}."
    assert " ".join(out.split()).count(refusal) == 2  # as it is, and as a stance
    assert "edit #7 to choose the speaker, or discard 7" in out
    assert "Editing candidate #7" in out
    assert "Candidate #8 confirmed" in out
    candidate, right_one, edited = _desk(database)
    assert (candidate.id, candidate.status) == (7, PositionStatus.RETRACTED)
    assert (right_one.id, right_one.status) == (8, PositionStatus.CONFIRMED)
    assert edited.status == PositionStatus.CONFIRMED
    assert edited.quotes == candidate.quotes
    with Session(database) as session:
        stored = [(p.position_id, p.kind) for p in session.exec(select(CandidateProblem))]
    assert stored == [(7, "other_speaker")]  # the edited statement has none


def test_ingest_json_lists_each_candidates_problems(tmp_path: Path) -> None:
    assert run(["seed"], tmp_path).returncode == 0
    found = json.loads(_run(tmp_path, ["ingest", "article.txt", "--json"]))
    assert [c["problems"] for c in found["candidates"]] == [[PROBLEM], []]
    human = _run(tmp_path, ["ingest", "article.txt"])
    assert f"⚠ {PROBLEM} — edit it to choose the speaker" in human
    assert human.count("⚠") == 1
