"""Name resolution: canonical names, aliases, fuzzy matches and 'did you mean'."""

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from bot.catalog.creation import create_topic
from bot.catalog.names import reading_notes, resolve_actor, resolve_topic
from bot.errors import BadCommand, UnknownName
from bot.text import normalize_name
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
    # Without partial=True (recording, imports, follows): answers read it, see below.
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


# Answers read part of a name (partial=True): "europe's role" is the one topic with those words.


@pytest.mark.parametrize(
    ("typed", "kind", "name"),
    [
        ("europe's role", "topic", "Europe's role in the peace process"),
        ("Europe’s Role", "topic", "Europe's role in the peace process"),
        ("EUROPE'S ROLE IN THE PEACE", "topic", "Europe's role in the peace process"),
        ("russian attack", "topic", "Russian attack on US allies"),
        ("donald", "actor", "Donald Trump"),
        ("chief of staff", "actor", "Andriy Yermak"),
    ],
)
def test_part_of_one_name_is_read_as_that_name_and_says_so(
    session: Session, typed: str, kind: str, name: str
) -> None:
    resolve = resolve_actor if kind == "actor" else resolve_topic
    named = resolve(session, query=typed, partial=True)
    assert (named.name, named.read_from) == (name, typed)
    assert reading_notes([named]) == [f"Reading “{typed}” as {name}."]


def test_a_name_or_alias_typed_whole_needs_no_note(session: Session) -> None:
    named = [resolve_topic(session, query=q, partial=True) for q in ("ceasefire", "Kursk truce")]
    assert reading_notes(named) == []


def test_words_two_names_share_keep_the_choices(session: Session) -> None:
    create_topic(session, name="Gas price cap")
    create_topic(session, name="Oil price cap")
    with pytest.raises(UnknownName) as caught:
        resolve_topic(session, query="price cap", partial=True)
    assert caught.value.ambiguous
    assert set(caught.value.choices) == {"Gas price cap", "Oil price cap"}


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("zelensky", "actor"),  # the possessor in "Zelensky's chief of staff", not Yermak
        ("nato", "actor"),  # "Nato chief" is Rutte; Nato is not
        ("russian", "actor"),  # "Russian President"
        ("s", "topic"),  # the possessive of "Europe's role …"
        ("us", "topic"),
        ("in the", "topic"),
        ("of", "actor"),
    ],
)
def test_slight_or_borrowed_words_are_never_read_as_a_name(
    session: Session, typed: str, kind: str
) -> None:
    resolve = resolve_actor if kind == "actor" else resolve_topic
    with pytest.raises(UnknownName) as caught:
        resolve(session, query=typed, partial=True)
    assert not caught.value.ambiguous or kind == "topic"


def test_a_one_letter_word_names_nothing_even_when_one_topic_has_it(session: Session) -> None:
    # "s" is a word of only "Europe's role in the peace process" once normalized.
    with pytest.raises(UnknownName):
        resolve_topic(session, query="s")


_WORDS = (
    *("budget", "tariff", "harbour", "pension", "railway", "vaccine", "border", "subsidy"),
    *("quota", "fishery", "carbon", "levy", "dairy", "steel", "visa", "grain"),
)
_catalogs = itertools.count()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    words=st.permutations(_WORDS),
    sizes=st.lists(st.integers(min_value=2, max_value=4), min_size=2, max_size=3),
    possessive=st.booleans(),
    shared=st.booleans(),
    data=st.data(),
)
def test_any_run_of_whole_words_of_one_name_reads_as_it(
    session: Session,
    words: list[str],
    sizes: list[int],
    possessive: bool,
    shared: bool,
    data: st.DataObject,
) -> None:
    tag = next(_catalogs)  # names of earlier examples stay in the database: keep these apart
    pool = iter(f"{word}{tag}" for word in words)
    names = [[next(pool) for _ in range(size)] for size in sizes]
    if possessive:
        names[0][0] += data.draw(st.sampled_from(["'s", "’s"]))
    for name in names:
        create_topic(session, name=" ".join(name).capitalize())
    norm = normalize_name(" ".join(names[0])).split()
    start = data.draw(st.integers(0, len(norm) - 1).filter(lambda i: norm[i] != "s"))
    end = data.draw(st.integers(start + 1, len(norm)).filter(lambda e: norm[e : e + 1] != ["s"]))
    typed = re.sub(
        r"(\w) s\b",
        lambda m: m[1] + data.draw(st.sampled_from(["'s", "’s"])),
        " ".join(norm[start:end]),
    )
    typed = data.draw(st.sampled_from([typed, typed.upper(), typed.title()]))
    whole = (start, end) == (0, len(norm))
    if shared:  # another name with the same words: the reporter chooses (unless typed whole)
        create_topic(session, name=f"{next(pool)} {typed}")
    if shared and not whole:
        with pytest.raises(UnknownName) as caught:
            resolve_topic(session, query=typed, partial=True)
        assert caught.value.ambiguous
        assert " ".join(names[0]).capitalize() in caught.value.choices
        return
    named = resolve_topic(session, query=typed, partial=True)
    assert named.name == " ".join(names[0]).capitalize()
    assert named.read_from == ("" if whole else typed)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(["a", "an", "and", "for", "in", "of", "on", "the", "to", "with"])
        | st.text(alphabet="abcdefghijklmnopqrstuvwxyz’'", min_size=1, max_size=2),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["actor", "topic"]),
)
def test_stop_words_and_fragments_of_one_or_two_letters_never_name_anything(
    session: Session, words: list[str], kind: str
) -> None:
    resolve = resolve_actor if kind == "actor" else resolve_topic
    with pytest.raises((UnknownName, BadCommand)):
        resolve(session, query=" ".join(words), partial=True)
