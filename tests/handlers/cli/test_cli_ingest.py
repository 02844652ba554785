"""`standpoint ingest FILE|URL [--json]` and `standpoint actors import`, run as the console script."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from store import Actor, ActorAlias, AuditEvent, Position, make_engine
from tests.fakes.article_page import article_html, serving_page
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

DATELINE = "MOSCOW, 1 March 2025 (Reuters) - Talks on the ceasefire continued on Saturday.\n\n"
PUTIN = "“We are studying the ceasefire idea carefully,” Putin said.\n\n"
ZAKHAROVA = (
    "“We will never accept a ceasefire that freezes the conflict,” Foreign Ministry "
    "spokeswoman Maria Zakharova said.\n"
)


def _counts(db_url: str) -> tuple[int, int, int]:
    with Session(make_engine(db_url)) as session:
        return tuple(  # type: ignore[return-value]
            session.exec(select(func.count()).select_from(table)).one()
            for table in (Position, Actor, ActorAlias)
        )


def test_ingest_a_file_prints_candidates_and_records_nothing(
    tmp_path: Path, fresh_db_url: str
) -> None:
    assert run(["seed"], tmp_path).returncode == 0
    text = DATELINE + PUTIN + ZAKHAROVA
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    before = _counts(fresh_db_url)

    shown = run(["ingest", "story.txt", "--json"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert found["source"] == {
        "outlet": "Reuters",
        "title": "",
        "url": None,
        "published_at": "2025-03-01T12:00:00+00:00",
    }
    putin, zakharova = found["candidates"]
    assert putin["actor"]["name"] == "Vladimir Putin"
    assert putin["new_actor"] is None
    assert putin["speaker"] == "Vladimir Putin"
    assert (putin["topic"], putin["stance"]) == ("US ceasefire proposal", None)
    assert zakharova["actor"] is None
    assert zakharova["new_actor"] == {
        "name": "Maria Zakharova",
        "role": "Foreign Ministry spokeswoman",
    }
    for candidate in (putin, zakharova):
        assert text[candidate["start"] : candidate["end"]] == candidate["quote"]
        assert candidate["stated_at"] == "2025-03-01T12:00:00+00:00"

    human = run(["ingest", "story.txt"], tmp_path)
    assert human.returncode == 0, human.stderr
    assert "Source: Reuters · published 1 Mar 2025" in human.stdout
    assert f"1. Vladimir Putin (actor #{putin['actor']['id']}) on US ceasefire proposal" in (
        human.stdout
    )
    assert "Maria Zakharova (new actor: Foreign Ministry spokeswoman)" in human.stdout
    assert f"[{putin['start']}–{putin['end']}]" in human.stdout
    assert "Nothing was recorded." in human.stdout
    assert _counts(fresh_db_url) == before


def test_ingest_says_when_the_article_has_no_date(tmp_path: Path) -> None:
    assert run(["seed"], tmp_path).returncode == 0
    (tmp_path / "story.txt").write_text(PUTIN, encoding="utf-8")
    shown = run(["ingest", "story.txt", "--json"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert found["source"]["published_at"] is None
    assert [c["stated_at"] for c in found["candidates"]] == [None]
    human = run(["ingest", "story.txt"], tmp_path)
    assert "No date found in the article: confirm with `/stance confirm <id> stated <date>`" in (
        human.stdout
    )


def test_ingest_refuses_what_it_cannot_read_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(b"\x00\x01\x02")
    for source, message in [
        ("missing.txt", "There's no file at missing.txt."),
        ("data.bin", "data.bin isn't a text file"),
        ("http://127.0.0.1:9/story", "inside the newsroom's network"),
    ]:
        result = run(["ingest", source], tmp_path)
        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


FILLER = "Negotiators met again in Riyadh on Saturday, officials said."


@pytest.fixture
def article_url() -> Iterator[str]:
    with serving_page(
        article_html(
            "Kremlin studies truce",
            [FILLER] * 3 + (PUTIN + ZAKHAROVA).split("\n"),
            head=(
                '<meta property="og:site_name" content="Daily Wire Service">'
                '<meta property="og:title" content="Kremlin studies truce">'
                '<meta property="article:published_time" content="2025-03-02T08:00:00Z">'
            ),
        )
    ) as url:
        yield url


def test_ingest_a_url_takes_outlet_title_and_date_from_the_page(
    tmp_path: Path, article_url: str
) -> None:
    assert run(["seed"], tmp_path).returncode == 0
    shown = run(["ingest", article_url, "--json"], tmp_path, STANDPOINT_FETCH_ALLOW_PRIVATE="true")
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert found["source"] == {
        "outlet": "Daily Wire Service",
        "title": "Kremlin studies truce",
        "url": article_url,
        "published_at": "2025-03-02T12:00:00+00:00",
    }
    assert [c["quote"] for c in found["candidates"]][:1] == [
        "We are studying the ceasefire idea carefully"
    ]
    assert found["candidates"][0]["stated_at"] == "2025-03-02T12:00:00+00:00"


WATCH_LIST = (
    "name,kind,description,aliases\n"
    "Maria Zakharova,person,Russian Foreign Ministry spokeswoman,"
    "Zakharova; Foreign Ministry spokeswoman\n"
    "European Commission,organization,EU executive,Commission|Brussels\n"
    "\n"
    "Vladimir Putin,person,,Putin|V. Putin\n"
)


def test_actors_import_loads_a_watch_list_once(tmp_path: Path, fresh_db_url: str) -> None:
    assert run(["seed"], tmp_path).returncode == 0
    (tmp_path / "watch.csv").write_text(WATCH_LIST, encoding="utf-8")
    first = run(["actors", "import", "watch.csv"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Imported watch.csv: 2 added, 1 updated (1 aliases added), 0 unchanged." in first.stdout
    after_first = _counts(fresh_db_url)

    second = run(["actors", "import", "watch.csv"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert "All 3 actors already tracked; nothing changed." in second.stdout
    assert _counts(fresh_db_url) == after_first

    with Session(make_engine(fresh_db_url)) as session:
        commission = session.exec(select(Actor).where(Actor.name == "European Commission")).one()
        aliases = set(
            session.exec(select(ActorAlias.alias).where(ActorAlias.actor_id == commission.id))
        )
        audits = session.exec(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.subject == "actor")
        ).one()
    assert (commission.kind.value, commission.description) == ("organisation", "EU executive")
    assert aliases == {"European Commission", "Commission", "Brussels"}
    assert audits == 3
    # The imported names resolve in the shell at once.
    asked = run(["shell", "--no-seed"], tmp_path, "/stance zakharova\n")
    assert "Maria Zakharova" in asked.stdout


def test_a_bad_watch_list_writes_nothing_and_names_its_rows(
    tmp_path: Path, fresh_db_url: str
) -> None:
    assert run(["seed"], tmp_path).returncode == 0
    before = _counts(fresh_db_url)
    (tmp_path / "bad.csv").write_text(
        "name,kind,description,aliases\n"
        "Ursula von der Leyen,person,Commission President,von der Leyen\n"
        ",person,nameless,\n"
        "Someone,persn,,\n"
        "Ursula von der Leyen,person,,\n",
        encoding="utf-8",
    )
    (tmp_path / "header.csv").write_text("name,kinds\nX,person\n", encoding="utf-8")
    bad = run(["actors", "import", "bad.csv"], tmp_path)
    assert bad.returncode == 2
    assert "bad.csv: Nothing imported. row 3: the name is empty." in bad.stderr
    assert "row 4: kind “persn” isn't one of person, government, organisation." in bad.stderr
    assert "row 5: “Ursula von der Leyen” is already on row 2." in bad.stderr
    header = run(["actors", "import", "header.csv"], tmp_path)
    assert header.returncode == 2
    assert "First line, for example: name,kind,description,aliases" in header.stderr
    missing = run(["actors", "import", "nowhere.csv"], tmp_path)
    assert "There's no file at nowhere.csv." in missing.stderr
    for result in (bad, header, missing):
        assert "Traceback" not in result.stdout + result.stderr
    assert _counts(fresh_db_url) == before
