"""`standpoint serve` as a real process: which mode it says it runs in, and the one line it
stops with when multi-workspace mode can't start."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.fakes import signing
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET
from tests.handlers.slack.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.handlers.slack.install.conftest import TOKEN_KEY, get
from tests.handlers.slack.test_serve import STANDPOINT, _free_port, _wait_healthy, serving

MULTI = {
    "SLACK_CLIENT_ID": CLIENT_ID,
    "SLACK_CLIENT_SECRET": CLIENT_SECRET,
    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
}


def _serve_fails(tmp_path: Path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [STANDPOINT, "serve", *options],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            **env,
        },
        cwd=tmp_path,
    )


@pytest.mark.parametrize(
    ("key", "said"),
    [
        (None, "STANDPOINT_TOKEN_KEY is not set: multi-workspace mode needs it"),
        ("not-a-fernet-key", "STANDPOINT_TOKEN_KEY is not a Fernet key"),
        (f"{TOKEN_KEY},short", "STANDPOINT_TOKEN_KEY (key 2 of 2) is not a Fernet key"),
    ],
)
def test_multi_workspace_mode_refuses_to_start_without_a_usable_key(
    tmp_path: Path, key: str | None, said: str
) -> None:
    env = {**MULTI, **({"STANDPOINT_TOKEN_KEY": key} if key else {})}
    done = _serve_fails(tmp_path, **env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # one clear line, no traceback
    assert said in lines[0]
    assert "standpoint tokens new-key" in lines[0]
    if key:
        assert key not in done.stderr


def test_multi_workspace_mode_is_http_only(tmp_path: Path) -> None:
    done = _serve_fails(tmp_path, "--socket", STANDPOINT_TOKEN_KEY=TOKEN_KEY, **MULTI)
    assert done.returncode == 2
    assert "Multi-workspace mode serves HTTP" in done.stderr


def test_multi_workspace_serve_says_so_and_serves_the_install_page(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **MULTI,
        "STANDPOINT_TOKEN_KEY": TOKEN_KEY,
        "STANDPOINT_PUBLIC_URL": url,
        "PORT": str(port),
        "SLACK_BOT_TOKEN": "",  # empty means unset: multi-workspace mode
    }
    with serving(db_url, tmp_path, fake_slack, **env) as process:
        _wait_healthy(url, process)
        page = get(url + "/slack/install")
    assert page.status == 200
    assert 'alt="Add to Slack"' in page.text
    assert process.stderr is not None
    logs = process.stderr.read()
    assert f"Standpoint mode: multi-workspace OAuth (install at {url}/slack/install)" in logs
    for secret in (CLIENT_SECRET, TOKEN_KEY, SIGNING_SECRET):
        assert secret not in logs


def test_a_bot_token_keeps_single_workspace_mode_whatever_else_is_set(
    db_url: str, tmp_path: Path, fake_slack: FakeSlackApi
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # SLACK_CLIENT_ID and SLACK_CLIENT_SECRET as well: Bolt would build an OAuth flow from
    # them; Standpoint stays with the token.
    env = {**MULTI, "PORT": str(port), "SLACK_BOT_TOKEN": BOT_TOKEN}
    with serving(db_url, tmp_path, fake_slack, **env) as process:
        _wait_healthy(url, process)
        body = signing.slash_command("putin on ceasefire", response_url=fake_slack.response_url())
        status, answer, _ = signing.post(
            url + "/slack/events", body, signing.sign(SIGNING_SECRET, body)
        )
        install = get(url + "/slack/install")
    assert status == 200
    assert "Conditional support" in answer
    assert install.status == 404
    assert process.stderr is not None
    logs = process.stderr.read()
    assert "Standpoint mode: single-workspace HTTP" in logs
    assert "SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are ignored: SLACK_BOT_TOKEN is set" in logs
