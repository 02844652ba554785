"""An empty setting means "not set": a copied `.env` template must not crash anything.

Driven through the installed console script, with the empty values in the environment and in
a `.env` file in the working directory, as people leave them.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings.model import Settings
from handlers.desks.drafts import make_llm

STANDPOINT = str(Path(sys.executable).parent / "standpoint")

# Every setting a template lists, left blank.
BLANK_TEMPLATE = {
    "SLACK_BOT_TOKEN": "",
    "SLACK_SIGNING_SECRET": "",
    "SLACK_APP_TOKEN": "",
    "SLACK_API_URL": "",
    "OPENAI_API_KEY": "",
    "OPENAI_BASE_URL": "",
    "STANDPOINT_MODEL": "",
    "STANDPOINT_APPROVERS": "",
    "STANDPOINT_APPROVAL_CHANNEL": "",
    "STANDPOINT_TZ": "",
    "STANDPOINT_DATE_ORDER": " ",
    "STANDPOINT_AUTO_MIGRATE": "",
    "STANDPOINT_CORRECTION_WINDOW_MINUTES": "",
    "STANDPOINT_HTTP_THREADS": "",
    "STANDPOINT_LOG_LEVEL": "",
    "PORT": "",
}


def run(
    args: list[str], cwd: Path, db_url: str, *, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(cwd),
        "DATABASE_URL": db_url,
        **env,
    }
    return subprocess.run(
        [STANDPOINT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=60,
        check=False,
    )


def write_env_file(folder: Path, values: dict[str, str], *, style: str = "bare") -> None:
    """A `.env` as people write it: `KEY=`, `KEY=""` or `KEY="   "`."""
    render = {"bare": "{k}=", "quoted": '{k}=""', "spaces": '{k}="   "'}[style]
    lines = ["# copied from the template; fill in what you use"]
    lines += [render.format(k=key) for key in values]
    (folder / ".env").write_text("\n".join(lines) + "\n")


@pytest.fixture(params=["environment", "dotenv-bare", "dotenv-quoted", "dotenv-spaces"])
def blank_config(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """The blank template, in the environment or in `.env`; returns the environment to use."""
    if request.param == "environment":
        return dict(BLANK_TEMPLATE)
    write_env_file(tmp_path, BLANK_TEMPLATE, style=request.param.removeprefix("dotenv-"))
    return {}


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "OpenAIError" not in result.stdout + result.stderr


def test_bare_command_opens_the_shell_and_drafts_offline(
    blank_config: dict[str, str], tmp_path: Path, fresh_db_url: str
) -> None:
    result = run(
        [], tmp_path, fresh_db_url, env=blank_config, stdin="/stance summarize ceasefire\n"
    )
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "loaded the reference seed" in result.stdout  # the shell, not Slack
    assert "Written by the offline drafter (no LLM configured)" in result.stdout


def test_shell_command_works_with_blank_settings(
    blank_config: dict[str, str], tmp_path: Path, fresh_db_url: str
) -> None:
    result = run(
        ["shell"], tmp_path, fresh_db_url, env=blank_config, stdin="/stance putin on ceasefire\n"
    )
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "Conditional support" in result.stdout


def test_serve_names_what_is_missing_instead_of_crashing(
    blank_config: dict[str, str], tmp_path: Path, fresh_db_url: str
) -> None:
    result = run(["serve"], tmp_path, fresh_db_url, env=blank_config)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "HTTP mode needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" in result.stderr


def test_digest_tick_runs_with_blank_settings(
    blank_config: dict[str, str], tmp_path: Path, fresh_db_url: str
) -> None:
    result = run(["digest", "tick"], tmp_path, fresh_db_url, env=blank_config)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "nothing due" in result.stdout


def test_a_token_without_a_signing_secret_or_app_token_still_opens_the_shell(
    tmp_path: Path, fresh_db_url: str
) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "", "SLACK_APP_TOKEN": " "}
    result = run([], tmp_path, fresh_db_url, env=env, stdin="/stance topic ceasefire\n")
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "where everyone stands" in result.stdout


def test_blank_values_fall_back_to_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in BLANK_TEMPLATE.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("STANDPOINT_WORKERS", "  ")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.openai_api_key is None
    assert settings.slack_bot_token is None
    assert settings.has_slack_credentials is False
    assert settings.tz == "UTC"
    assert settings.date_order == "DMY"
    assert settings.port == 3000
    assert settings.model == "gpt-4o-mini"
    assert settings.auto_migrate is True
    assert settings.workers == 8
    assert make_llm(settings) is None


def test_an_empty_base_url_in_the_environment_means_openais_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The openai client reads OPENAI_BASE_URL itself when given None; "" must not reach it.
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", "")
    llm = make_llm(Settings(_env_file=None))  # type: ignore[call-arg]
    assert llm is not None
    assert llm.name == "gpt-4o-mini"  # credited as OpenAI's own, not "at <empty host>"


def test_a_real_value_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANDPOINT_TZ", " Europe/Kyiv ")
    monkeypatch.setenv("STANDPOINT_APPROVERS", "U1, U2")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.approver_ids == frozenset({"U1", "U2"})
    assert settings.tz == "Europe/Kyiv"
