"""Running the installed console script from a test, on the test's own database."""

import os
import subprocess
import sys
from pathlib import Path

STANDPOINT = str(Path(sys.executable).parent / "standpoint")


def run(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the console script in `tmp_path` on the test's own empty database."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_URL": os.environ["SHELL_TEST_DATABASE_URL"],
        "STANDPOINT_TZ": "Europe/London",
        **env,
    }
    return subprocess.run(
        [STANDPOINT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
        check=False,
    )
