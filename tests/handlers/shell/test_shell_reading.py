"""How the shell reads what was typed: part of one name, and days no calendar has."""

import re
from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")
EUROPE = "Europe's role in the peace process"


def _answers(out: str) -> list[str]:
    """The shell's output split into one answer per command typed."""
    return re.split(r"^standpoint> ", out, flags=re.MULTILINE)[1:]


def test_part_of_one_name_is_answered_directly_and_says_how_it_was_read(tmp_path: Path) -> None:
    lines = [
        "/stance topic europe's role",
        "/stance history donald on ceasefire",
        "/stance chart topic europe’s role",
        "/stance summarize europe’s role",
        "/stance topic peace process",  # an alias typed whole: no note
    ]
    result = run(["shell"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    board, history, chart, summary, alias = _answers(result.stdout)
    assert board.splitlines()[1] == f"Reading “europe's role” as {EUROPE}."
    assert f"{EUROPE} — where everyone stands" in board
    assert "🟢 Ukraine — Supports" in board
    assert "I don't know" not in board
    assert "Reading “donald” as Donald Trump." in history
    assert "Donald Trump on US ceasefire proposal — history" in history
    assert f"Reading “europe’s role” as {EUROPE}." in chart
    assert "written to" in chart
    assert f"Reading “europe’s role” as {EUROPE}." in summary
    assert "Draft D1 is waiting for approval." in summary
    assert "Reading" not in alias
    assert f"{EUROPE} — where everyone stands" in alias


def test_words_that_could_be_several_names_or_too_little_keep_the_choices(
    tmp_path: Path,
) -> None:
    lines = [
        "/stance zelensky",  # the possessor in Yermak's alias "Zelensky's chief of staff"
        "/stance topic s",  # one letter of "Europe's …"
        "/stance topic truce",  # an alias of one topic and the name of another
    ]
    result = run(["shell"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    zelensky, letter, truce = _answers(result.stdout)
    assert "I don't know an actor called “zelensky”" in zelensky
    assert "Andriy Yermak — /stance Andriy Yermak" in zelensky
    assert "I don't know a topic called “s”" in letter
    assert "“truce” could mean more than one topic." in truce
    assert "Reading" not in result.stdout


def test_a_day_no_calendar_has_is_named_as_such_wherever_a_date_is_typed(
    tmp_path: Path,
) -> None:
    lines = [
        "/stance putin on ceasefire as of 31 February 2025",
        '/stance add putin on ceasefire: opposes "No." stated 31 April 2025',
        "/stance putin on ceasefire as of 2024-02-30",
        "/stance putin on ceasefire on 31 February",
        "/stance export positions since 29 February 2025",
    ]
    result = run(["shell"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    as_of, stated, iso, on, since = _answers(result.stdout)
    assert "There is no “31 February 2025”: February 2025 has only 28 days." in as_of
    assert "There is no “31 April 2025”: April 2025 has only 30 days." in stated
    assert "There is no “2024-02-30”: February 2024 has only 29 days." in iso
    assert "use as of rather than “on”" in on
    assert "February has at most 29 days" in on
    assert "February 2025 has only 28 days." in since
    assert "can't read" not in result.stdout
    assert "Recorded" not in stated
