"""The shell's forms through the console script: edit and retry, pasted and filed articles,
and Ctrl-C, which abandons a whole form (sent through a real pseudo-terminal)."""

import os
import pty
import select
import time
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from sqlmodel import select as sql_select

from store import AuditEvent, Draft, DraftStatus, Position, PositionStatus
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.handlers.shell_fixtures import STANDPOINT, run

pytestmark = pytest.mark.usefixtures("shell_database")

ARTICLE = resources.files("seeds").joinpath("seed-article.txt").read_text("utf-8")
ORIGINAL_POSITIONS = 6  # the reference seed


def drafts(engine: Engine) -> list[Draft]:
    with Session(engine) as session:
        return list(session.exec(sql_select(Draft).order_by(Draft.id)))  # type: ignore[arg-type]


def positions(engine: Engine) -> list[Position]:
    with Session(engine) as session:
        return list(session.exec(sql_select(Position)))


def actions(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        return [(e.action, e.user) for e in session.exec(sql_select(AuditEvent))]


def lines(*typed: str) -> str:
    return "\n".join(typed) + "\n"


def test_edit_in_the_shell_is_checked_like_the_modal_then_saved(
    tmp_path: Path, database: Engine
) -> None:
    invented = "Putin said “we will never stop” [#1]. Russia will win."
    fixed = "Vladimir Putin backs the US proposal only on his terms [#1]."
    script = lines(
        "/stance help",
        "/stance summarize ceasefire",
        "/stance edit 1",
        invented,
        ".",
        "/stance edit 1",
        fixed,
        ".",
        "/stance approve 1",
    )
    result = run(["shell", "--as", "editor"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "/stance edit D<id>" in out
    assert "/stance retry D<id>" in out
    assert "Current text:" in out
    assert "we certainly support it" in out.split("Current text:")[1]  # the draft as it was
    assert (
        "Still to fix: Claim 1 has a citation typed into its text; "
        "Claim 1 is more than one sentence; Claim 1 cites no position" in out
    )
    assert "Draft D1 saved" in out
    assert "Draft D1 approved and posted." in out
    assert fixed in out.split("── posted ──")[1]
    (draft,) = drafts(database)
    assert draft.body == fixed
    assert draft.status == DraftStatus.POSTED
    assert ("draft.edited", "editor") in actions(database)


def test_only_approvers_edit_in_the_shell(tmp_path: Path, database: Engine) -> None:
    script = lines("/stance summarize ceasefire", "/stance edit 1", "/stance edit 99")
    result = run(["shell", "--as", "intern"], tmp_path, script, STANDPOINT_APPROVERS="editor")
    out = result.stdout
    assert "Only approvers can edit drafts" in out
    assert "Current text:" not in out
    assert "There is no draft D99." in out
    assert ("draft.edit.refused", "intern") in actions(database)
    assert drafts(database)[0].version == 1


def test_retry_in_the_shell_drafts_a_failed_summary_again(tmp_path: Path, database: Engine) -> None:
    with FakeOpenAI() as fake:
        fake.script(
            LLMReply.server_error(500), LLMReply.claims(("Putin backs it on his terms.", [1]))
        )
        result = run(
            ["shell", "--as", "editor"],
            tmp_path,
            lines("/stance summarize ceasefire", "/stance retry 1", "/stance retry 2"),
            OPENAI_API_KEY="sk-test-000000000000000000",
            OPENAI_BASE_URL=fake.base_url,
            STANDPOINT_LLM_RETRIES="0",
        )
    out = result.stdout
    assert "Couldn't draft a summary" in out
    assert "Or type: /stance retry D1" in out  # the failed card names the twin
    assert "Draft D2 is waiting for approval." in out
    assert "Draft D2 has nothing to retry." in out
    assert [(d.id, d.status) for d in drafts(database)] == [
        (1, DraftStatus.FAILED),
        (2, DraftStatus.PENDING),
    ]
    assert drafts(database)[1].body == "Putin backs it on his terms [#1]."


def test_a_pasted_article_is_one_ingest_not_many_commands(tmp_path: Path, database: Engine) -> None:
    script = lines("/stance ingest", *ARTICLE.splitlines(), ".", "/stance pending")
    result = run(["shell"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Candidates from the article" in out
    assert "#7 Vladimir Putin on US ceasefire proposal" in out
    assert "(a first guess)\n▌ “agreed with the proposals to cease hostilities" in out
    assert "\\n" not in out
    assert "I don't know an actor" not in out  # no line of the article ran as a command
    assert "No drafts are waiting for approval." in out
    proposed = [p for p in positions(database) if p.status == PositionStatus.PROPOSED]
    assert proposed
    assert len({p.source_id for p in proposed}) == 1


def test_ingest_reads_a_file_and_refuses_what_isnt_one_in_one_line(
    tmp_path: Path, database: Engine
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Putin said “no”. " * 7000, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    script = lines(
        "/stance ingest @~/missing.txt",
        "/stance ingest @huge.txt",
        "/stance ingest @photo.jpg",
        "/stance ingest @~",
        "/stance ingest @",
        "/stance ingest @~/article.txt",
    )
    result = run(["shell"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    for answer in (
        "⚠️ There's no file at ~/missing.txt.\n\n",
        "⚠️ huge.txt is over 100 KB; that's longer than an article.\n\n",
        "⚠️ photo.jpg isn't a text file (I read UTF-8 text).\n\n",
        "⚠️ ~ isn't a file I can read an article from.\n\n",
        "⚠️ Ingest which file?\n",
    ):
        assert answer in out
    assert "Traceback" not in out + result.stderr
    assert out.count("Candidates from") == 1
    assert "“agreed with the proposals to cease hostilities" in out
    proposed = [p for p in positions(database) if p.status == PositionStatus.PROPOSED]
    assert len({p.source_id for p in proposed}) == 1


class Terminal:
    """The console script on a pseudo-terminal: driven key by key, as a person would."""

    def __init__(self, args: list[str], tmp_path: Path, *, term: str = "dumb") -> None:
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "DATABASE_URL": os.environ["SHELL_TEST_DATABASE_URL"],
            "STANDPOINT_TZ": "Europe/London",
            "TERM": term,
            "NO_COLOR": "1",
        }
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal, so Ctrl-C is SIGINT
            try:
                os.chdir(tmp_path)
                os.execve(STANDPOINT, [STANDPOINT, *args], environment)  # noqa: S606
            finally:
                os._exit(127)  # never run the rest of pytest in the child
        self.pid, self.fd = pid, fd
        self.seen, self.read_to = "", 0

    def expect(self, text: str, *, timeout: float = 30) -> None:
        """Wait until `text` appears after what was expected last."""
        deadline = time.monotonic() + timeout
        while (found := self.seen.find(text, self.read_to)) < 0:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(left, 0))
            chunk = self._read() if ready else b""
            if not chunk:
                raise AssertionError(f"never saw {text!r}; the screen ends {self.seen[-800:]!r}")
            self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        self.read_to = found + len(text)

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def ctrl_c(self) -> None:
        """Press Ctrl-C once the shell is waiting for a key.

        CPython's input() acts on a SIGINT that lands between printing the prompt and waiting
        for a key only after the next Enter; a person can't hit that window, a test can.
        """
        deadline = time.monotonic() + 30
        while self._state() != "S":  # S: asleep in the kernel, i.e. waiting for the terminal
            assert time.monotonic() < deadline, "the shell never waited for a key"
        self.type("\x03")

    def _state(self) -> str:
        with open(f"/proc/{self.pid}/stat", encoding="utf-8") as stat:
            return stat.read().rpartition(")")[2].split()[0]

    def exit_code(self) -> int:
        """Ctrl-D at the prompt, then the exit status."""
        self.type("\x04")
        while self._read():
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)

    def _read(self) -> bytes:
        try:
            return os.read(self.fd, 4096)
        except OSError:  # EIO: the child has gone
            return b""


def test_ctrl_c_in_the_add_form_abandons_it_and_records_nothing(
    tmp_path: Path, database: Engine
) -> None:
    terminal = Terminal(["shell", "--as", "U_DESK"], tmp_path)
    terminal.expect("standpoint> ")
    terminal.type("/stance add\r")
    for question, answer in [
        ("Actor (who said it)? ", "Vladimir Putin"),
        ("Topic? ", "ceasefire"),
        ("Stance (", "opposes"),
        ("Verbatim quote? ", "Never on these terms."),
    ]:
        terminal.expect(question)
        terminal.type(answer + "\r")
    terminal.expect("One-line summary (optional)? ")
    terminal.ctrl_c()
    terminal.expect("Cancelled; nothing recorded.")
    terminal.expect("standpoint> ")
    assert "Conditions" not in terminal.seen
    assert terminal.exit_code() == 0
    assert len(positions(database)) == ORIGINAL_POSITIONS
    assert all("Never on these terms." not in p.quotes for p in positions(database))


def test_ctrl_c_abandons_the_edit_and_the_pasted_article(tmp_path: Path, database: Engine) -> None:
    terminal = Terminal(["shell", "--as", "editor"], tmp_path)
    terminal.expect("standpoint> ")
    terminal.type("/stance summarize ceasefire\r")
    terminal.expect("Draft D1 is waiting for approval.")
    terminal.expect("standpoint> ")
    terminal.type("/stance edit 1\r")
    terminal.expect("Current text:")
    terminal.expect("... ")
    terminal.type("Putin backs it [#1].\r")
    terminal.expect("... ")
    terminal.ctrl_c()
    terminal.expect("Cancelled; draft D1 is unchanged.")
    terminal.expect("standpoint> ")
    terminal.type("/stance ingest\r")
    terminal.expect("Paste the article")
    terminal.expect("... ")
    terminal.type("Vladimir Putin said: “No.”\r")
    terminal.expect("... ")
    terminal.ctrl_c()
    terminal.expect("Cancelled; nothing ingested.")
    terminal.expect("standpoint> ")
    assert terminal.exit_code() == 0
    (draft,) = drafts(database)
    assert (draft.version, draft.status) == (1, DraftStatus.PENDING)
    assert "Putin backs it [#1]." not in draft.body
    assert len(positions(database)) == ORIGINAL_POSITIONS


def test_an_article_pasted_whole_at_the_prompt_is_one_ingest(
    tmp_path: Path, database: Engine
) -> None:
    terminal = Terminal(["shell"], tmp_path, term="xterm")  # a terminal with bracketed paste
    terminal.expect("standpoint> ")
    pasted = "\r".join(["/stance ingest", *ARTICLE.splitlines(), "."])
    terminal.type(f"\x1b[200~{pasted}\x1b[201~\r")  # one paste of many lines, then Enter
    terminal.expect("Candidates from the article")
    terminal.expect("standpoint> ")
    assert terminal.exit_code() == 0
    assert "I don't know" not in terminal.seen
    proposed = [p for p in positions(database) if p.status == PositionStatus.PROPOSED]
    assert proposed
    assert len({p.source_id for p in proposed}) == 1


def test_a_new_speaker_is_confirmed_from_the_shell(tmp_path: Path, database: Engine) -> None:
    article = (
        "MOSCOW, Nov 24 (Reuters) - Russia answered the ceasefire proposal on Tuesday.",
        "",
        "“Any truce must take our security into account,” Foreign Ministry spokeswoman "
        "Maria Zakharova told reporters on the ceasefire.",
    )
    new = ORIGINAL_POSITIONS + 1
    script = lines("/stance ingest", *article, ".", f"/stance confirm {new}", "/stance zakharova")
    result = run(["shell"], tmp_path, script)
    out = " ".join(result.stdout.split())
    assert result.returncode == 0, result.stderr
    assert (
        "New: Maria Zakharova (Foreign Ministry spokeswoman) — confirming adds her to the "
        "people tracked" in out
    )
    assert f"Candidate #{new} confirmed" in out
    assert "Maria Zakharova — Foreign Ministry spokeswoman" in out  # her own answer now
    assert "US ceasefire proposal — Unclear · 24 Nov 2026" in out
    assert "actor.confirmed" in [action for action, _ in actions(database)]


def test_a_candidate_with_no_topic_is_confirmed_on_a_topic_in_the_shell(
    tmp_path: Path, database: Engine
) -> None:
    article = (
        "WASHINGTON, March 14 (Reuters) - Trump flew to Florida on Friday.",
        "",
        "“We will never accept that,” Trump said.",
        "",
        "He later spoke about US allies at a rally.",
    )
    script = lines(
        "/stance ingest", *article, ".", "/stance confirm 7", "/stance confirm 7 on US allies"
    )
    result = run(["shell"], tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "#7 Donald Trump on a topic to choose" in out
    assert "confirm <id> on <topic>" in out
    assert "Candidate #7 has no topic yet: say which." in out
    assert "✅ Candidate #7 (stated 14 Mar " in out
    said = sorted(
        (p for p in positions(database) if list(p.quotes) == ["We will never accept that"]),
        key=lambda p: p.id or 0,
    )
    assert [p.status for p in said] == [PositionStatus.RETRACTED, PositionStatus.CONFIRMED]
    assert said[0].topic_id != said[1].topic_id  # the candidate's placeholder, the chosen topic
