"""`/stance search` in the terminal shell, run as the installed console script."""

from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def test_the_shell_shows_each_hit_with_its_id_and_the_matching_quote(tmp_path: Path) -> None:
    lines = [
        '/stance add putin on ceasefire: opposes "There will be no ceasefire on these terms."',
        '/stance search "no ceasefire"',
        "/stance search troops kursk as of 13 March 2025",
        '/stance search NEAR(* -x : "oops',
    ]
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(lines) + "\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in out + result.stderr
    assert "Search: “no ceasefire”" in out
    phrase_answer = out.split("/stance search troops kursk")[0].split('search "no ceasefire"')[1]
    assert "🔴 Vladimir Putin on US ceasefire proposal — Opposes · " in phrase_answer
    assert phrase_answer.count(" · #") == 1  # only the new statement: #1 says "ceasefire" alone
    assert "· #7" in phrase_answer
    assert "▌ “There will be no ceasefire on these terms.”" in phrase_answer
    assert "❔ Vladimir Putin on Kursk truce — Unclear · 13 Mar 2025 · #2" in out
    assert "Clarity on whether Ukrainian troops in Kursk would leave" in out
    assert "As known on 13 Mar 2025" in out
    assert "No confirmed statement matches near x oops." in out
