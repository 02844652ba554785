"""The README's two commands are the ones CI and newcomers actually run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
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
