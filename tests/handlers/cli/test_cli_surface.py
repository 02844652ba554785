"""The command line as people meet it: `--help`, the bare command's options, settings errors."""

import re
from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

PLACEHOLDER = re.compile(r"<(bool|str|int|float|path|list\[\w+\])>|\{\w+\}")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["export", "--help"],
        ["export", "board", "--help"],
        ["ingest", "--help"],
        ["shell", "--help"],
        ["serve", "--help"],
        ["backup", "--help"],
    ],
)
def test_help_shows_no_type_tags_or_brace_placeholders(tmp_path: Path, args: list[str]) -> None:
    shown = run(args, tmp_path, COLUMNS="120")
    assert shown.returncode == 0, shown.stderr
    assert "Usage: standpoint" in shown.stdout
    assert PLACEHOLDER.findall(shown.stdout) == []


def test_help_names_values_as_typer_apps_do(tmp_path: Path) -> None:
    board = run(["export", "board", "--help"], tmp_path, COLUMNS="120").stdout
    assert "Usage: standpoint export board [OPTIONS] TOPIC..." in board
    assert re.search(r"--output\s+-o\s+PATH", board)
    assert re.search(r"--format\s+-f\s+\[csv\|json\]", board)
    assert re.search(r"--help\s+Show this message", board)  # a flag takes no value
    assert "Usage: standpoint ingest [OPTIONS] SOURCE" in run(["ingest", "--help"], tmp_path).stdout


def test_the_bare_command_takes_the_shells_options(tmp_path: Path) -> None:
    assert "--as" in run(["--help"], tmp_path, COLUMNS="120").stdout
    added = run(
        ["--as", "reporter1"],
        tmp_path,
        '/stance add putin on ceasefire: opposes "x" https://example.com/a\n',
    )
    assert added.returncode == 0, added.stderr
    assert "loaded the reference seed" in added.stdout
    assert "recorded by reporter1" in added.stdout


def test_the_bare_command_takes_no_seed_too(tmp_path: Path) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    result = run(["--no-seed"], tmp_path, "/stance putin on ceasefire\n", DATABASE_URL=empty)
    assert result.returncode == 0, result.stderr
    assert "loaded the reference seed" not in result.stdout
    assert "Conditional support" not in result.stdout


def test_shell_options_before_another_command_are_refused_in_words(tmp_path: Path) -> None:
    result = run(["--as", "reporter1", "export", "board", "ceasefire"], tmp_path)
    assert result.returncode == 2
    assert "--as and --seed go with the shell" in result.stderr
    assert result.stdout == ""


def test_a_setting_only_serve_uses_does_not_stop_the_shell_or_an_export(
    tmp_path: Path,
) -> None:
    serve_only = {"PORT": "abc", "STANDPOINT_HTTP_THREADS": "0", "STANDPOINT_LOG_FORMAT": "xml"}
    shell = run(["shell"], tmp_path, "/stance putin on ceasefire\n", **serve_only)
    assert shell.returncode == 0, shell.stderr
    assert "Conditional support" in shell.stdout
    export = run(["export", "board", "ceasefire"], tmp_path, **serve_only)
    assert export.returncode == 0, export.stderr
    assert "Vladimir Putin" in export.stdout


def test_serve_names_a_bad_setting_as_it_is_written(tmp_path: Path) -> None:
    result = run(["serve", "--http"], tmp_path, PORT="abc")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuration error: PORT must be a whole number (got 'abc')."
    )


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("STANDPOINT_AUTO_MIGRATE", "maybe", "must be true or false (got 'maybe')"),
        ("STANDPOINT_LLM_TIMEOUT", "0", "must be more than 0 (got '0')"),
        ("STANDPOINT_CORRECTION_WINDOW_MINUTES", "soon", "must be a whole number (got 'soon')"),
    ],
)
def test_every_settings_error_names_the_environment_variable(
    tmp_path: Path, name: str, value: str, said: str
) -> None:
    result = run(["shell"], tmp_path, "/stance help\n", **{name: value})
    assert result.returncode == 2
    assert result.stderr.strip() == f"Configuration error: {name} {said}."
