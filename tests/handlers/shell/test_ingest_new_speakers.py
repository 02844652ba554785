"""Speakers nobody tracks, named by surname alone or behind a possessive, run as the console
script: `standpoint ingest FILE --json` and the shell's card."""

import json
from pathlib import Path

import pytest

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")

DATELINE = "LAGOS, 1 March 2025 (Reuters) - Talks on the ceasefire continued on Saturday.\n\n"
QUOTE = "We will not accept a ceasefire on these terms"


def _new_actors(tmp_path: Path, text: str) -> list[dict[str, str | None] | None]:
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    shown = run(["ingest", "story.txt", "--json"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    return [candidate["new_actor"] for candidate in json.loads(shown.stdout)["candidates"]]


@pytest.mark.parametrize(
    "attribution",
    [
        f"“{QUOTE},” Okafor said.",
        f"“{QUOTE},” said Okafor.",
        f"“{QUOTE},” Okafor told reporters on Saturday.",
        f'"{QUOTE}," Okafor added.',
    ],
)
def test_a_surname_alone_proposes_the_speaker_and_asks_for_the_name(
    seeded: Path, attribution: str
) -> None:
    assert _new_actors(seeded, DATELINE + attribution + "\n") == [{"name": "Okafor", "role": None}]
    human = run(["ingest", "story.txt"], seeded)
    assert "Okafor (new actor, surname only) on US ceasefire proposal" in human.stdout
    card = run(["shell", "--as", "U_DESK"], seeded, "/stance ingest @story.txt\n").stdout
    assert "No candidate positions found" not in card
    assert "New: Okafor — the article gives only a surname: Edit to give the full name" in card


def test_a_surname_takes_the_full_name_the_article_gave_earlier(seeded: Path) -> None:
    text = (
        "LAGOS, 1 March 2025 (Reuters) - Nigeria's foreign minister Chidi Okafor spoke on "
        "Saturday about the ceasefire talks.\n\n"
        f"“{QUOTE},” Okafor said.\n"
    )
    assert _new_actors(seeded, text) == [
        {"name": "Chidi Okafor", "role": "Nigeria's foreign minister"}
    ]
    # A surname that is also a place's name is a person's when the article names that person.
    stanley = text.replace("Okafor", "Stanley").replace("Chidi", "Lucy")
    assert _new_actors(seeded, stanley) == [
        {"name": "Lucy Stanley", "role": "Nigeria's foreign minister"}
    ]


def test_two_people_sharing_the_surname_leave_the_surname_to_ask_about(seeded: Path) -> None:
    text = (
        "LAGOS, 1 March 2025 (Reuters) - Chidi Okafor and his sister Ada Okafor spoke on "
        "Saturday about the ceasefire.\n\n"
        f"“{QUOTE},” Okafor said.\n"
    )
    assert _new_actors(seeded, text) == [{"name": "Okafor", "role": None}]


@pytest.mark.parametrize("place", ["Moscow", "Nigeria", "Reuters", "NATO", "Kremlin"])
def test_a_place_or_an_organisation_is_not_proposed_as_a_person(seeded: Path, place: str) -> None:
    text = f"{DATELINE}“Talks are over,” {place} said.\n\n{place} said “{QUOTE}”.\n"
    # A sentence's first word is capitalised whatever it is: never taken for a surname.
    text += f"\nOfficials said “talks will go on”.\n\n“{QUOTE} or any others,” Okafor said.\n"
    assert _new_actors(seeded, text) == [{"name": "Okafor", "role": None}]


def test_a_headlines_possessive_is_context_not_part_of_the_name(seeded: Path) -> None:
    headline = f"Ukraine's Poroshenko says “{QUOTE}”\n\n"
    assert _new_actors(seeded, headline + DATELINE) == [{"name": "Poroshenko", "role": None}]
    body = "KYIV, 1 March 2025 (Reuters) - Former president Petro Poroshenko spoke on Saturday.\n"
    assert _new_actors(seeded, headline + body) == [
        {"name": "Petro Poroshenko", "role": "Former president"}
    ]
    two_words = f"{DATELINE}“{QUOTE},” said Russia’s Sergei Ryabkov.\n"
    assert _new_actors(seeded, two_words) == [{"name": "Sergei Ryabkov", "role": None}]
