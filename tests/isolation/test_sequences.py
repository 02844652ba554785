"""Generated command sequences in both newsrooms, interleaved: Bravo's presence changes nothing
Alpha sees, and each newsroom's rows change only through its own commands.

Hypothesis picks a newsroom, then a realistic command over the names both newsrooms use
(Putin and "vvp", the ceasefire and "quiet front", Petrova, potus47…), again and again. Every
step runs on the shared database; Alpha's steps also run on a database holding only Alpha's
history. After each step:

- the other newsroom's rows are exactly as they were (every table, every column);
- Alpha's answer is the answer Alpha alone gets, once ids are written as ranks (see
  newsrooms.canonical), search answers in their order included.
"""

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.isolation.conftest import Pair, Templates, pair_of
from tests.isolation.newsrooms import (
    A,
    B,
    Newsroom,
    World,
    canonical,
    changed_tables,
    ids_of,
    is_internal_error,
    snapshot,
    visible,
)

ACTORS = ["putin", "vvp", "trump", "kallas", "petrova", "potus47", "yermak", "Valentina Petrova"]
TOPICS = ["ceasefire", "kursk", "frozen conflict", "arctic shipping lanes", "quiet front"]
ALIASES = ["vvp", "potus47", "mr p", "the envoy"]
STANCES = ["supports", "opposes", "conditional", "undecided", "unclear"]
QUOTES = [
    "A lasting truce now.",
    "No pause while troops regroup.",
    "Walrus talks, pelican terms.",
    "Pelican pelican, the walrus waits.",
    "We will see about the ceasefire.",
]
WORDS = ["truce", "pause", "walrus", "pelican", "ceasefire", '"lasting truce"', "kursk"]

# A command: its text, with {mine:N} for the Nth position this newsroom recorded in the
# sequence and {draft:N} for its Nth draft; and whether an editor types it.
Command = tuple[str, bool]


def _commands() -> st.SearchStrategy[Command]:
    actor, topic = st.sampled_from(ACTORS), st.sampled_from(TOPICS)
    n = st.integers(0, 3)
    reporter = st.builds(
        lambda text: (text, False),
        st.one_of(
            actor,
            st.builds("{} on {}".format, actor, topic),
            st.builds("topic {}".format, topic),
            st.builds("history {} on {}".format, actor, topic),
            st.builds("search {}".format, st.sampled_from(WORDS)),
            st.sampled_from(["actors", "topics", "following", "quiet", "digest", "pending"]),
            st.builds(
                'add {} on {}: {} "{}"'.format,
                actor,
                topic,
                st.sampled_from(STANCES),
                st.sampled_from(QUOTES),
            ),
            st.builds("follow {}".format, actor),
            st.builds("follow topic {}".format, topic),
            st.builds("unfollow {}".format, actor),
            st.sampled_from(["quiet 22:00-06:00", "quiet off", "digest at 08:15"]),
            st.builds("digest follow {}".format, topic),
            st.builds("summarize {} offline".format, topic),
            st.builds("retract #{{mine:{}}} my mistake".format, n),
        ),
    )
    editor = st.builds(
        lambda text: (text, True),
        st.one_of(
            st.builds("alias {} = {}".format, actor, st.sampled_from(ALIASES)),
            st.builds("unalias {} = {}".format, actor, st.sampled_from(ALIASES)),
            st.builds("retract #{{mine:{}}} withdrawn".format, n),
            st.builds("approve D{{draft:{}}}".format, n),
            st.builds("merge {} into {}".format, actor, actor),
        ),
    )
    return st.one_of(reporter, reporter, editor)


STEPS = st.lists(st.tuples(st.sampled_from([A, B]), _commands()), min_size=1, max_size=10)


@dataclass
class Made:
    """What one newsroom made during the sequence, in one database."""

    positions: list[int] = field(default_factory=list)
    drafts: list[int] = field(default_factory=list)

    def text(self, template: str) -> str:
        def pick(found: re.Match[str]) -> str:
            made = self.positions if found[1] == "mine" else self.drafts
            return str(made[int(found[2]) % len(made)]) if made else "987654"

        return re.sub(r"\{(mine|draft):(\d+)\}", pick, template)

    def note(self, said: str) -> None:
        self.positions += [int(n) for n in re.findall(r"Recorded as position #(\d+)", said)]
        self.drafts += [int(n) for n in re.findall(r"Draft D(\d+) ", said)]


def _answer(world: World, room: Newsroom, made: Made, template: str, editor: bool) -> str:
    typed = made.text(template)
    said = world.run(room, typed, user=room.editor if editor else room.reporter)
    assert not is_internal_error(said), f"{typed!r} failed inside"
    shown = visible(said)
    made.note(shown)
    answer = canonical(shown, ids_of(world.engine, A), folder=world.workdir)
    return answer


def _play(
    pair: Pair,
    steps: list[tuple[Newsroom, Command]],
    *,
    after_each: Callable[[], None] | None = None,
) -> None:
    made = {
        (id(world), room.tenant): Made() for world in (pair.both, pair.alone) for room in (A, B)
    }
    for room, (template, editor) in steps:
        other = B if room is A else A
        before = snapshot(pair.engine, other.tenant)
        shared = _answer(pair.both, room, made[id(pair.both), room.tenant], template, editor)
        if room is A:
            alone = _answer(pair.alone, A, made[id(pair.alone), A.tenant], template, editor)
            assert shared == alone, f"Alpha's answer to {template!r} depends on Bravo"
        if after_each is not None:  # the suite's own tests plant faults here
            after_each()
        changed = changed_tables(before, snapshot(pair.engine, other.tenant))
        assert changed == {}, f"{room.tenant}'s {template!r} changed {other.tenant}'s {changed}"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_interleaved_commands_keep_the_newsrooms_apart(
    templates: Templates, steps: list[tuple[Newsroom, Command]]
) -> None:
    with tempfile.TemporaryDirectory() as folder, pair_of(templates, Path(folder)) as pair:
        _play(pair, steps)
