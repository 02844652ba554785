"""The offline drafter's sentences, and approving in the shell, run as the console script."""

import re
from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

LONG = " ".join(["We will keep talking to every side until the guns fall silent"] * 5) + "."


def _shell(folder: Path, *lines: str) -> str:
    result = run(["shell", "--as", "editor"], folder, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_drafts_read_as_sentences_and_cut_quotes_say_so(seeded: Path) -> None:
    out = _shell(
        seeded,
        '/stance add witkoff on ceasefire: supports "We are optimistic." stated 1 March 2025',
        '/stance add rutte on ceasefire: supports "We back it. Europe will help." stated '
        "2 March 2025",
        f'/stance add lukashenko on ceasefire: undecided "{LONG}" stated 3 March 2025',
        "/stance summarize ceasefire",
    )
    card = out.split("/stance summarize ceasefire", 1)[1]
    assert "Steve Witkoff (supports, 1 Mar 2025): “We are optimistic.” [#7]" in card
    # A quote's first sentence stands for the quote: the rest is marked as left out.
    assert "Mark Rutte (supports, 2 Mar 2025): “We back it…”. [#8]" in card
    assert ": saying" not in card
    assert not re.search(r"[.!?]”\.", card)  # no doubled full stop after a quotation
    # The evidence beside a claim is cut at a word, with an ellipsis.
    [evidence] = [line for line in card.splitlines() if line.startswith("#9 ")]
    assert evidence.endswith("…”")
    assert len(evidence) < len(LONG)


def test_approving_in_the_shell_prints_the_draft_once(seeded: Path) -> None:
    out = _shell(seeded, "/stance summarize ceasefire", "/stance approve D1")
    approved = out.split("standpoint> /stance approve D1", 1)[1]
    assert approved.count("Hopes Russia will accept the US ceasefire proposal") == 1
    assert "── posted ──" in approved
    assert "Approved by editor and posted." in approved
    assert "Draft D1 approved and posted." in approved
