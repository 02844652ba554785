"""`standpoint topics import FILE.csv`, the hint an import of unknown names gives, and what
`/stance actors` counts for a spokesperson; run as the console script."""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from store import AuditEvent, Topic, TopicAlias, make_engine
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

TOPICS = (
    "name,description,aliases\n"
    "Tariffs,US import tariffs,tariff; trade war\n"
    "\n"
    "Kursk truce,,Kursk ceasefire|Kursk front\n"
)


def _topics(db_url: str) -> dict[str, tuple[str, set[str]]]:
    with Session(make_engine(db_url)) as session:
        found = {}
        for topic in session.exec(select(Topic)):
            aliases = session.exec(select(TopicAlias.alias).where(TopicAlias.topic_id == topic.id))
            found[topic.name] = (topic.description, set(aliases))
        return found


def _audits(db_url: str) -> list[tuple[str, str]]:
    with Session(make_engine(db_url)) as session:
        rows = session.exec(
            select(AuditEvent.action, AuditEvent.user).where(AuditEvent.subject == "topic")
        )
        return sorted(rows)


def test_topics_import_loads_a_list_once_and_audits_it(seeded: Path, fresh_db_url: str) -> None:
    (seeded / "topics.csv").write_text(TOPICS, encoding="utf-8")
    first = run(["topics", "import", "topics.csv"], seeded)
    assert first.returncode == 0, first.stderr
    assert "Imported topics.csv: 1 added, 1 updated (1 aliases added), 0 unchanged." in first.stdout
    topics = _topics(fresh_db_url)
    assert topics["Tariffs"] == ("US import tariffs", {"Tariffs", "tariff", "trade war"})
    assert "Kursk front" in topics["Kursk truce"][1]
    assert _audits(fresh_db_url) == [("topic.imported", "cli"), ("topic.updated", "cli")]

    second = run(["topics", "import", "topics.csv"], seeded)
    assert second.returncode == 0, second.stderr
    assert "All 2 topics already tracked; nothing changed." in second.stdout
    assert _topics(fresh_db_url) == topics
    assert len(_audits(fresh_db_url)) == 2
    asked = run(["shell", "--no-seed"], seeded, "/stance topic trade war\n")
    assert "Tariffs" in asked.stdout


def test_a_bad_topics_list_writes_nothing_and_names_its_rows(
    seeded: Path, fresh_db_url: str
) -> None:
    before = _topics(fresh_db_url)
    (seeded / "bad.csv").write_text(
        "name,description,aliases\nGaza,,truce\nSanctions,,Gaza\n", encoding="utf-8"
    )
    bad = run(["topics", "import", "bad.csv"], seeded)
    assert bad.returncode == 2
    assert "bad.csv: Nothing imported. row 2: “truce” already names US ceasefire proposal." in (
        bad.stderr
    )
    assert "row 3: “Gaza” is already on row 2." in bad.stderr
    (seeded / "header.csv").write_text("name,kind\nGaza,place\n", encoding="utf-8")
    header = run(["topics", "import", "header.csv"], seeded)
    assert header.returncode == 2
    assert "The header must name the columns name, description, aliases" in header.stderr
    assert _topics(fresh_db_url) == before
    assert _audits(fresh_db_url) == []


def test_importing_positions_with_unknown_names_says_how_to_add_them(seeded: Path) -> None:
    (seeded / "in.csv").write_text(
        "actor,topic,stance,quotes,stated_on\n"
        'Kaja Kallas,ceasefire,supports,"We back it.",2025-03-01\n'
        'Putin,Arctic shipping,opposes,"No ships.",2025-03-01\n',
        encoding="utf-8",
    )
    result = run(["import", "positions", "in.csv"], seeded)
    assert result.returncode == 2
    assert "row 2: unknown actor “Kaja Kallas”" in result.stderr
    assert "standpoint actors import FILE.csv and standpoint topics import FILE.csv" in (
        result.stderr
    )


def test_a_spokesperson_is_counted_for_what_they_said_for_others(seeded: Path) -> None:
    with_seed = run(["shell", "--as", "U_DESK"], seeded, "/stance actors yermak\n")
    assert "2 positions (2 for others) · last stated 13 Mar 2025" in with_seed.stdout
    added = run(
        ["shell", "--as", "U_DESK"],
        seeded,
        '/stance add yermak on frozen conflict: opposes "No freezing, ever." stated 14 March 2025'
        "\n/stance actors\n",
    )
    assert "3 positions (2 for others) · last stated 14 Mar 2025" in added.stdout
    assert "0 positions" not in added.stdout.split("Andriy Yermak")[1].split("\n")[1]
