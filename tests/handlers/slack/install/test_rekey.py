"""Rotating STANDPOINT_TOKEN_KEY: new key first, `standpoint tokens rekey`, old key removed —
run as an operator would, with the console script, on a database holding real installs."""

import os
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from handlers.slack.install.crypto import TokenCipher, UnreadableToken
from store import make_engine
from tests.fakes.slack_api import FakeSlackApi
from tests.handlers.shell_fixtures import STANDPOINT
from tests.handlers.slack.install.conftest import (
    GRID,
    NEW_TOKEN_KEY,
    NEWSROOM,
    TOKEN_KEY,
    multi_workspace_bot,
    rows,
)

TOKEN_COLUMNS = {
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
    "slack_bots": ("bot_token", "bot_refresh_token"),
}


def _tokens(db_url: str, cipher: TokenCipher) -> dict[tuple[str, int, str], str]:
    """Every stored token, decrypted with `cipher` (raises UnreadableToken if one can't be)."""
    engine = make_engine(db_url)
    try:
        return {
            (table, row["id"], column): cipher.open(row[column]) or ""
            for table, columns in TOKEN_COLUMNS.items()
            for row in rows(engine, table)
            for column in columns
            if row[column] is not None
        }
    finally:
        engine.dispose()


def _standpoint(
    args: list[str], tmp_path: Path, db_url: str, key: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [STANDPOINT, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "DATABASE_URL": db_url,
            "STANDPOINT_TOKEN_KEY": key,
        },
        timeout=60,
        check=False,
    )


@pytest.fixture
def installed_db(db_url: str, fake_slack: FakeSlackApi) -> str:
    """A database holding two installs (one with rotating tokens), encrypted with TOKEN_KEY."""
    with multi_workspace_bot(db_url, fake_slack) as bot:
        assert bot.install(NEWSROOM).status == 200
        fake_slack.oauth.rotation = True
        assert bot.install(GRID).status == 200
    return db_url


def test_rekey_moves_every_token_to_the_new_key(installed_db: str, tmp_path: Path) -> None:
    before = _tokens(installed_db, TokenCipher([TOKEN_KEY]))
    assert len(before) == 6  # two installations and two bots; the org's with refresh tokens

    done = _standpoint(["tokens", "rekey"], tmp_path, installed_db, f"{NEW_TOKEN_KEY},{TOKEN_KEY}")

    assert done.returncode == 0, done.stderr
    assert "Re-encrypted 6 tokens (2 installations, 2 bots)" in done.stdout
    # The new key alone now reads every token, unchanged; the old key alone reads none.
    assert _tokens(installed_db, TokenCipher([NEW_TOKEN_KEY])) == before
    with pytest.raises(UnreadableToken):
        _tokens(installed_db, TokenCipher([TOKEN_KEY]))
    for secret in (TOKEN_KEY, NEW_TOKEN_KEY, *before.values()):
        assert secret not in done.stdout + done.stderr


def test_rekey_without_the_old_key_changes_nothing(installed_db: str, tmp_path: Path) -> None:
    engine = make_engine(installed_db)
    stored = [rows(engine, table) for table in TOKEN_COLUMNS]
    engine.dispose()

    done = _standpoint(["tokens", "rekey"], tmp_path, installed_db, NEW_TOKEN_KEY)

    assert done.returncode == 2
    assert "Nothing was re-encrypted" in done.stderr
    assert "add the key it was encrypted with to STANDPOINT_TOKEN_KEY" in done.stderr
    engine = make_engine(installed_db)
    assert [rows(engine, table) for table in TOKEN_COLUMNS] == stored
    engine.dispose()


def test_rekey_refuses_a_malformed_key(installed_db: str, tmp_path: Path) -> None:
    done = _standpoint(["tokens", "rekey"], tmp_path, installed_db, f"not-a-key,{TOKEN_KEY}")
    assert done.returncode == 2
    assert "STANDPOINT_TOKEN_KEY (key 1 of 2) is not a Fernet key" in done.stderr
    assert _tokens(installed_db, TokenCipher([TOKEN_KEY]))  # still readable with the old key


def test_new_key_prints_a_usable_fernet_key(tmp_path: Path, db_url: str) -> None:
    done = _standpoint(["tokens", "new-key"], tmp_path, db_url, TOKEN_KEY)
    assert done.returncode == 0
    key = done.stdout.strip()
    assert Fernet(key.encode()).decrypt(Fernet(key.encode()).encrypt(b"x")) == b"x"
    assert key != _standpoint(["tokens", "new-key"], tmp_path, db_url, TOKEN_KEY).stdout.strip()
