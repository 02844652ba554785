"""Source facts from the article: its date becomes the stated date, or the reporter gives one."""

from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from store import Position, PositionStatus, Source, make_engine
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

QUOTE = "“We are studying the ceasefire idea carefully,” Putin said."
BODY = f"Russian President Vladimir Putin spoke about the ceasefire on Saturday.\n\n{QUOTE}\n"


def _shell(tmp_path: Path, article: str, *commands: str) -> str:
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    lines = ["/stance ingest @article.txt", *commands]
    result = run(["shell", "--as", "U_DESK"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def _stored(db_url: str) -> tuple[list[Source], list[Position]]:
    with Session(make_engine(db_url)) as session:
        sources = list(session.exec(select(Source).where(col(Source.url).is_(None))).all())
        positions = list(
            session.exec(select(Position).where(Position.recorded_by == "U_DESK")).all()
        )
    return sources, positions


HEADS = {  # date line or dateline -> (outlet, day); pasted text names no outlet: none is made up
    "WASHINGTON, March 1, 2025 (Reuters) - ": ("Reuters", "2025-03-01"),
    "MOSCOW, 2 March 2025 (AP) — ": ("AP", "2025-03-02"),
    "3 March 2025\n\n": ("", "2025-03-03"),
    "Published: 2025-03-04\n": ("", "2025-03-04"),
    "Updated Wednesday 5 March 2025 09:12 GMT\n": ("", "2025-03-05"),
    "Updated: 9 March 2025\nPublished on March 6, 2025\n": ("", "2025-03-06"),
}


def test_the_articles_date_line_dates_the_source_and_the_candidate(
    tmp_path: Path, fresh_db_url: str
) -> None:
    first, *others = HEADS
    for number, head in enumerate(others):
        (tmp_path / f"{number}.txt").write_text(head + BODY, encoding="utf-8")
    commands = [f"/stance ingest @{number}.txt" for number in range(len(others))]
    out = _shell(tmp_path, first + BODY, *commands)
    assert "No date found" not in out
    sources, positions = _stored(fresh_db_url)
    assert sorted(
        (s.outlet, s.published_at.date().isoformat() if s.published_at else None)
        for s in sources
        if s.text and QUOTE in s.text
    ) == sorted(HEADS.values())
    assert sorted(p.stated_at.date().isoformat() for p in positions) == sorted(
        day for _, day in HEADS.values()
    )


def test_a_date_in_the_articles_prose_is_not_its_date(tmp_path: Path, fresh_db_url: str) -> None:
    out = _shell(tmp_path, "Talks resume on 3 April 2025, officials said.\n\n" + BODY)
    assert "No date found in the article: confirm with /stance confirm <id> stated <date>" in out
    sources, _ = _stored(fresh_db_url)
    assert [s.published_at for s in sources if s.text and QUOTE in s.text] == [None]


def test_an_undated_candidate_is_confirmed_only_with_the_date_it_was_said(
    tmp_path: Path, fresh_db_url: str
) -> None:
    out = _shell(
        tmp_path,
        BODY,
        "/stance confirm 7",
        "/stance confirm 7 stated",
        "/stance confirm 7 stated 2 March 2025",
        "/stance history putin on ceasefire",
    )
    assert "No date found in the article" in out
    assert "Candidate #7: no date found in the article." in out
    assert "Say when it was said: confirm 7 stated 13 March 2025" in out
    assert "Try: confirm 7 stated 13 March 2025" in out
    assert "Candidate #7 (stated 2 Mar 2025, now #8) confirmed" in out
    assert "2 Mar 2025 · ❔ Unclear" in out
    _, positions = _stored(fresh_db_url)
    confirmed = [p for p in positions if p.status is PositionStatus.CONFIRMED]
    assert [p.stated_at.date().isoformat() for p in confirmed] == ["2025-03-02"]


def test_confirming_an_older_statement_shows_no_fake_shift(tmp_path: Path) -> None:
    out = _shell(
        tmp_path,
        "MOSCOW, 1 March 2025 (Reuters) - " + BODY,
        "/stance confirm 7",
        "/stance putin on ceasefire",
    )
    latest = out.split("standpoint> /stance putin on ceasefire", 1)[1]
    # The seed's 13 March statement is still the latest; the 1 March one is older history.
    assert "Conditional support" in latest
    assert "stated 13 Mar 2025" in latest
    assert "Shift: was Conditional support" not in latest
