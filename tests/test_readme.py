"""The README's two commands are the ones CI and newcomers actually run.

The README is a front door: short, linking every page under docs/, and its tour is real output.
"""

import re
from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PROMPT = "standpoint> "


def _readme_commands() -> list[str]:
    readme = README.read_text("utf-8")
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme, re.DOTALL)
    assert first_block is not None
    return [line for line in first_block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_starts_with_exactly_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/standpoint")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert _readme_commands()[1] in ci_lines


def test_readme_stays_a_front_door() -> None:
    assert len(README.read_text("utf-8").splitlines()) <= 260


def test_readme_documentation_section_lists_every_docs_page() -> None:
    section = README.read_text("utf-8").split("\n## Documentation\n", 1)[1].split("\n## ", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    listed = [re.match(r"- \[[^\]]+\]\((docs/[^)#]+\.md)\) — \S", item) for item in items]
    assert all(listed), [item for item, match in zip(items, listed, strict=True) if not match]
    pages = sorted(f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md"))
    assert sorted(match.group(1) for match in listed if match) == pages


# --- The tour stays true -------------------------------------------------------------------------


def _steps(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Each `standpoint> ` command with the lines after it, up to the next prompt."""
    steps: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith(PROMPT):
            steps.append((line.removeprefix(PROMPT), []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def tour_steps(markdown: str) -> list[tuple[str, list[str]]]:
    """The shell transcripts in a Markdown text's code blocks, block by block, in order."""
    steps = []
    for block in re.findall(r"^```text\n(.*?)^```$", markdown, re.DOTALL | re.MULTILINE):
        steps += _steps(block.splitlines())
    return steps


def _normal(lines: list[str]) -> list[str]:
    """Trailing spaces and blank lines dropped; a heading's rule of ─ cut to a fixed length."""
    out = [re.sub(r" ─{2,}$", " ──", line.rstrip()) for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


# Commands that write are replayed, so the session's records are the README's (#7 is the add's),
# but their answers are not compared: they carry today's date ("stated 25 Nov 2026"). Nor is any
# answer that shows what they recorded (history after the add, audit): every line holding the day
# the transcripts were recorded. What is compared is every other answer, line for line: the seed's
# positions, boards, names and "did you mean", dates given in words, and search.
WRITES = {"add", "retract", "correct", "confirm", "discard", "edit", "assign", "approve"}
RECORDED_ON = "25 Nov 2026"


def _compared(command: str, expected: list[str]) -> bool:
    verb = [*command.split(), "", ""][1]
    return verb not in WRITES and not any(RECORDED_ON in line for line in expected)


def test_tour_parser_reads_commands_and_their_output() -> None:
    markdown = "```text\nstandpoint> /stance a\none\n\nstandpoint> /stance b\n```\ntwo\n"
    assert tour_steps(markdown) == [("/stance a", ["one", ""]), ("/stance b", [])]
    assert tour_steps("```sh\nstandpoint> /stance a\n```\n") == []
    assert _normal(["Title ─────── ", "x  ", ""]) == ["Title ──", "x"]


def test_the_tour_stays_true(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = tour_steps(README.read_text("utf-8"))
    monkeypatch.setenv("SHELL_TEST_DATABASE_URL", f"sqlite:///{tmp_path / 'tour.db'}")
    session = "".join(command + "\n" for command, _ in steps)
    result = run(["shell", "--as", "U_DESK"], tmp_path, session, COLUMNS="80")
    assert result.returncode == 0, result.stderr
    assert "First start: loaded the reference seed" in result.stdout
    answers = _steps(result.stdout.splitlines())
    assert len(answers) == len(steps)
    compared = 0
    for (command, expected), (echoed, actual) in zip(steps, answers, strict=True):
        # A long piped line is echoed shortened ("… (129 characters)").
        assert echoed == command or echoed.endswith(" characters)"), (command, echoed)
        if _compared(command, expected):
            assert _normal(actual) == _normal(expected), command
            compared += 1
    assert compared >= 6, "the tour should stay mostly read-only answers that can be compared"
