"""Name resolution: canonical names, aliases, fuzzy matches and 'did you mean'."""

import pytest
from sqlmodel import Session

from bot.errors import BadCommand, UnknownName
from bot.names import resolve_actor, resolve_topic
from store import Actor, ActorAlias


@pytest.mark.parametrize(
    "typed",
    ["putin", "Vladimir Putin", "the Russian President", "Putn", "PUTIN!", "Vladimir  Putin"],
)
def test_every_way_of_naming_putin_resolves_to_putin(session: Session, typed: str) -> None:
    assert resolve_actor(session, query=typed).name == "Vladimir Putin"


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("ceasefire", "US ceasefire proposal"),
        ("cessation of hostilities", "US ceasefire proposal"),
        ("ceasfire", "US ceasefire proposal"),
        ("kursk", "Kursk truce"),
        ("frozen conflict", "Frozen conflict"),
        ("attack on US allies", "Russian attack on US allies"),
    ],
)
def test_topic_aliases_and_typos_resolve(session: Session, typed: str, topic: str) -> None:
    assert resolve_topic(session, query=typed).name == topic


def test_unknown_actor_offers_the_closest_choices(session: Session) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_actor(session, query="Vladimir Zelensky")
    assert caught.value.kind == "actor"
    assert "Vladimir Putin" in caught.value.choices
    assert len(caught.value.choices) <= 3


def test_a_name_shared_by_two_actors_is_ambiguous(session: Session) -> None:
    # "the Kremlin" is commonly used for both the president and the government.
    ids = [resolve_actor(session, query=n).id for n in ("Putin", "Ukraine")]
    session.add_all(ActorAlias(actor_id=i, alias="Spokesman", normalized="spokesman") for i in ids)
    session.flush()
    with pytest.raises(UnknownName) as caught:
        resolve_actor(session, query="spokesman")
    assert caught.value.ambiguous
    assert set(caught.value.choices) == {"Vladimir Putin", "Ukraine"}


def test_sql_looking_text_is_just_an_unknown_name(session: Session) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_actor(session, query="'; DROP TABLE actor; --")
    assert "DROP TABLE" in caught.value.message
    assert resolve_actor(session, query="putin").name == "Vladimir Putin"


def test_empty_name_is_a_bad_command(session: Session) -> None:
    with pytest.raises(BadCommand):
        resolve_topic(session, query="  ?! ")


@pytest.mark.parametrize(
    ("typed", "offered"), [("donald", "Donald Trump"), ("vladimir", "Vladimir Putin")]
)
def test_a_partial_name_is_offered_not_assumed(session: Session, typed: str, offered: str) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_actor(session, query=typed)
    assert caught.value.choices[0] == offered


def test_a_surname_resolves_when_it_ends_exactly_one_name(session: Session) -> None:
    assert resolve_actor(session, query="Lukashenko").name == "Alexander Lukashenko"
    assert resolve_actor(session, query="witkoff").name == "Steve Witkoff"


def test_a_word_ending_several_names_is_ambiguous(session: Session) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_actor(session, query="president")
    assert caught.value.ambiguous
    assert len(caught.value.choices) >= 2


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("frozen", "Frozen conflict"),
        ("freezing", "Frozen conflict"),
        ("FROZEN?", "Frozen conflict"),
    ],
)
def test_a_word_of_only_one_topic_resolves(session: Session, typed: str, topic: str) -> None:
    assert resolve_topic(session, query=typed).name == topic


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        # An alias of the US proposal, and the Kursk truce's own name.
        ("truce", {"US ceasefire proposal", "Kursk truce"}),
        ("russia", {"Frozen conflict", "Russian attack on US allies"}),
    ],
)
def test_a_word_two_topics_share_asks(session: Session, typed: str, choices: set[str]) -> None:
    with pytest.raises(UnknownName) as caught:
        resolve_topic(session, query=typed)
    assert caught.value.ambiguous
    assert set(caught.value.choices) == choices


def test_a_merged_actor_is_never_resolved(session: Session) -> None:
    putin = session.get(Actor, resolve_actor(session, query="putin").id)
    assert putin is not None
    putin.merged_into_id = resolve_actor(session, query="trump").id
    session.flush()
    with pytest.raises(UnknownName):
        resolve_actor(session, query="Vladimir Putin")
