"""The installed `standpoint` console script, driven through stdin as a subprocess."""

from pathlib import Path

import pytest

from store import head_revision
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def test_bare_command_lands_in_the_shell_with_seed_data(tmp_path: Path) -> None:
    result = run([], tmp_path, "/stance putin on ceasefire\n")
    assert result.returncode == 0, result.stderr
    assert "First start: loaded the reference seed (6 positions" in result.stdout
    assert "Conditional support" in result.stdout
    assert "we certainly support it" in result.stdout
    assert "Reference article" in result.stdout


def test_piped_session_answers_every_line_and_survives_bad_input(tmp_path: Path) -> None:
    lines = [
        "/stance topic ceasefire",
        "",
        "/stance",
        "/stance frobnicate",
        "/stance Putn on ceasefire as of 13 March 2025",
        "/stance putin on ceasefire as of someday",
        "/stance " + "x" * 10_000,
        "/stance put\x00in\x1b on ceasefire",
        "/stance '; DROP TABLE position; --",
        "/other thing",
        "history trump on attack on us allies",
    ]
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(lines) + "\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in out + result.stderr
    assert "Donald Trump — Supports" in out
    assert "Standpoint — where newsmakers stand" in out
    assert "I don't know an actor called “frobnicate”" in out
    assert "As known on 13 Mar 2025" in out
    assert "I can't read “someday” as a date" in out
    assert "10,000 characters" in out
    assert "Commands start with /stance" in out
    assert "It’s not going to happen" in out
    again = run(["shell"], tmp_path, "/stance putin on ceasefire\n")
    assert "Conditional support" in again.stdout  # the DROP TABLE line dropped nothing


def test_quick_add_and_prompted_add_record_as_the_given_user(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                '/stance add trump on kursk: unclear "We are looking at it." https://example.com/k',
                "/stance add",
                "Vladimir Putin",
                "ceasefire",
                "maybe",
                "opposes",
                '"Not now."',
                "Rejects the proposal",
                "Ukraine withdraws; no Western troops",
                "https://example.com/p",
                "",  # Date said [today]
                "/stance history putin on ceasefire",
                "/stance trump on kursk",
            ]
        )
        + "\n"
    )
    result = run(["shell", "--as", "U_DESK"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert out.count("Recorded as position") == 2
    assert "Shift: was Conditional support" in out
    assert "no Western troops" in out
    assert "recorded by U_DESK" in out
    assert out.count("Stance (supports, conditional, opposes, undecided, unclear)?") == 2
    assert "“maybe” isn't a stance." in out
    assert "Unclear" in out
    assert "example.com" in out


def test_prompted_add_left_empty_records_nothing(tmp_path: Path) -> None:
    result = run(["shell"], tmp_path, "/stance add\n\n/stance putin on ceasefire\n")
    assert result.returncode == 0
    assert "Nothing recorded." in result.stdout
    assert "Recorded as position" not in result.stdout


def test_seed_command_is_idempotent(tmp_path: Path) -> None:
    first = run(["seed"], tmp_path)
    second = run(["seed"], tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout.startswith("Seeded 6 positions, 7 actors, 5 topics")
    assert second.stdout.strip() == "Seed data already present; nothing changed."


def test_db_upgrade_and_the_unmigrated_refusal(tmp_path: Path) -> None:
    refused = run(["seed"], tmp_path, STANDPOINT_AUTO_MIGRATE="false")
    assert refused.returncode == 2
    assert "un-migrated" in refused.stderr
    assert "standpoint db upgrade" in refused.stderr
    head = head_revision()
    upgraded = run(["db", "upgrade"], tmp_path)
    assert upgraded.stdout.strip() == f"Database upgraded from empty to {head}."
    assert run(["db", "upgrade"], tmp_path).stdout.strip() == f"Database already at {head}."
    assert run(["seed"], tmp_path, STANDPOINT_AUTO_MIGRATE="false").returncode == 0


@pytest.mark.parametrize("zone", ["Mars/Olympus"])
def test_bad_configuration_is_a_clear_message(tmp_path: Path, zone: str) -> None:
    result = run(["shell"], tmp_path, "", STANDPOINT_TZ=zone)
    assert result.returncode == 2
    assert "Configuration error" in result.stderr
    assert "unknown time zone" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_date_order_is_refused_at_start(tmp_path: Path) -> None:
    result = run(["shell"], tmp_path, "", STANDPOINT_DATE_ORDER="YMD")
    assert result.returncode == 2
    assert "Configuration error" in result.stderr
    assert "neither DMY nor MDY" in result.stderr
    assert "Traceback" not in result.stderr


def test_as_of_a_month_reads_to_its_end_and_us_dates_follow_the_setting(tmp_path: Path) -> None:
    # The seed's statements are from 13 March 2025.
    lines = [
        "/stance topic ceasefire as of march 2025",
        "/stance topic ceasefire as of 03/13/2025",
        "/stance putin on ceasefire as at 13 March 2025",
    ]
    result = run([], tmp_path, "\n".join(lines) + "\n", STANDPOINT_DATE_ORDER="mdy")
    assert result.returncode == 0, result.stderr
    assert "As known on 31 Mar 2025" in result.stdout
    assert "As known on 13 Mar 2025" in result.stdout
    assert result.stdout.count("Conditional support") == 2
    assert "use as of rather than “as at”" in result.stdout.replace("*", "")
    assert "I don't know a topic" not in result.stdout


def test_drafts_in_the_shell_summarize_approve_and_audit(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/stance summarize ceasefire",
                "/stance pending",
                "/stance approve D1",
                "/stance audit D1",
                "/stance audit 1",
                "/stance pending",
            ]
        )
        + "\n"
    )
    result = run(["shell", "--as", "editor"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Draft D1 — Where things stand: US ceasefire proposal" in out
    assert "offline drafter" in out
    assert "── posted ──" in out
    assert "Draft D1 approved and posted." in out
    for step in ("Requested by", "Approved by editor on", "Posted to the channel after approval"):
        assert step in out
    assert "draft.approved" not in out
    # Draft D1 and position #1 (the seed's) both exist: a bare 1 asks which.
    assert "There is a draft D1 and a position #1." in out
    assert "No drafts are waiting for approval." in out


def test_only_listed_approvers_approve_in_the_shell(tmp_path: Path) -> None:
    script = "/stance summarize ceasefire\n/stance approve 1\n"
    result = run(["shell", "--as", "intern"], tmp_path, script, STANDPOINT_APPROVERS="editor")
    assert "Only approvers can approve drafts" in result.stdout
    assert "── posted ──" not in result.stdout


def test_digest_commands_in_the_shell(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/stance digest",
                "/stance digest at 07:15 Europe/Paris",
                "/stance digest follow ceasefire",
                "/stance digest days mon,wed,fri",
                "/stance digest preview",
                '/stance add putin on ceasefire: opposes "No truce now."',
                "/stance digest now",
                "/stance pending",
            ]
        )
        + "\n"
    )
    result = run(["shell", "--as", "editor"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "This channel has no digest yet" in out
    assert "07:15 Europe/Paris" in out
    assert "Follows: US ceasefire proposal" in out
    assert "mon,wed,fri" in out
    assert "Preview only: nothing was posted" in out
    assert "shifted from conditional support to opposes" in out
    assert "digest drafted as D1" in out
    assert "Draft D1" in out


def test_the_shell_shows_long_answers_page_by_page_with_the_text_twin(tmp_path: Path) -> None:
    adds = [f'/stance add putin on ceasefire: opposes "Refusal number {i:02d}."' for i in range(20)]
    drafts = ["/stance summarize ceasefire"] * 21
    script = [
        *adds,
        "/stance history putin on ceasefire",
        "/stance history putin on ceasefire page 2",
        *drafts,
        "/stance pending",
        "/stance pending page 2",
    ]
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(script) + "\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    history_1, history_2 = out.split("standpoint> /stance history putin on ceasefire")[1:3]
    history_2 = history_2.split("standpoint>")[0]
    assert "Showing 1–20 of 21 statements. Next: /stance history putin on ceasefire page 2" in (
        history_1
    )
    assert "[Show more]" in history_1
    assert "we certainly support it" not in history_1
    assert "Showing 21 of 21 statements (the last page)." in history_2
    assert "we certainly support it" in history_2  # the seed's statement, the oldest
    assert "Showing 1–20 of 21 drafts. Next: /stance pending page 2" in out
    assert "Showing 21 of 21 drafts (the last page)." in out
