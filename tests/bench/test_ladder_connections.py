"""The ladder benchmark closes every connection before it drops its PostgreSQL database.

A connection still open when the database is dropped is terminated by the server, and its
later reset printed a `psycopg.errors.AdminShutdown` traceback in the middle of CI's output.
"""

import os
import subprocess
import sys

import pytest

from tests.conftest import POSTGRES_URL


@pytest.mark.postgres
def test_the_ladder_on_postgresql_ends_without_a_terminated_connection() -> None:
    args = ["--backend", "postgres", "--size", "2k", "--repeat", "10", "--warmup", "1"]
    result = subprocess.run(
        [sys.executable, "-m", "bench.ladder", *args, "--postgres-url", POSTGRES_URL],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "STANDPOINT_BENCH_POSTGRES_URL": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "raw SQL" in result.stdout
    assert "AdminShutdown" not in result.stderr
    assert "Traceback" not in result.stderr
