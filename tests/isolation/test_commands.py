"""Every command of the grammar, typed in Alpha's workspace, next door to Bravo.

Each case runs its steps in Alpha on the shared database and on a database holding only
Alpha's history, and checks after every step:

- the answer shows nothing of Bravo: none of Bravo's words (names, aliases, quotes, users,
  zones, times), none of its positions' or drafts' ids, in the text or any block;
- the answer is what Alpha alone gets (so no count, ranking or choice moved because Bravo is
  there), once each database's ids are written as their rank among Alpha's rows;
- nothing Bravo owns changed (every row of every table with a tenant_id);
- no command failed inside (a cross-tenant write or a missing scope would answer "something
  went wrong").
"""

from collections.abc import Callable, Iterator

import pytest

from tests.isolation.conftest import Pair, Templates, pair_of
from tests.isolation.newsrooms import (
    B_ARTICLE,
    BRAVO_ONLY,
    MISSING_ID,
    SHARED_CHANNEL,
    A,
    World,
    canonical,
    changed_tables,
    everything,
    ids_of,
    is_internal_error,
    leaks,
    resolve,
    snapshot,
    visible,
)
from tests.isolation.newsrooms import B as BRAVO

EDITOR, ADMIN = A.editor, A.admin
DM = A.dm
# (what is typed, who types it, where: a channel id, or None for the shell)
Step = tuple[str, str, str | None]


def step(typed: str, user: str = A.reporter, channel: str | None = SHARED_CHANNEL) -> Step:
    return typed, user, channel


QUERIES = [
    "putin",
    "vvp",
    "vvp on ceasefire",
    "putin on ceasefire",
    "kallas",
    "trump",
    "topic ceasefire",
    "topic frozen conflict",
    "topic kursk",
    "topic quiet front",
    "potus47",
    "Valentina Petrova",
    "petrova on arctic shipping lanes",
    "topic arctic shipping lanes",
    "history putin on ceasefire",
    "history vvp on ceasefire",
    "history ukraine on frozen conflict",
    "putin on ceasefire as of 2025-03-12",
    "topic ceasefire as of yesterday",
    "history putin on kursk as of november 2026",
    "topic ceasefire page 2",
    "where does putin stand on the ceasefire?",
    "what did trump say about frozen conflict",
    "putin ceasefire",
    "actors",
    "topics",
    "actors petrova",
    "actors vvp",
    "topics arctic",
    "topics front",
    "search ceasefire",
    "search truce",
    "search Zephyrine",
    "search quokkastan",
    'search "lasting truce"',
    "search troops kursk as of 2026",
    "search kursk",
    "search frozen",
    "help",
    "add",
]

WRITES: dict[str, list[Step]] = {
    "add on a shared pair": [
        step(
            'add putin on ceasefire: conditional "We could pause if Kyiv stops mobilising." '
            "conditions: Kyiv stops mobilising"
        ),
        step("putin on ceasefire"),
        step("history putin on ceasefire"),
    ],
    "add through Alpha's alias": [step('add vvp on kursk: opposes "No truce in Kursk."')],
    "add a Bravo name": [
        step('add petrova on ceasefire: supports "A pause now."'),
        step('add potus47 on ceasefire: supports "A pause now."'),
        step('add trump on quiet front: supports "A pause now."'),
        step('add trump on northern sea route: supports "A pause now."'),
    ],
    "add stated earlier": [
        step('add trump on frozen conflict: opposes "No frozen line." stated 20 November 2026'),
        step("topic frozen conflict"),
    ],
    "retract": [step("retract #{a.live} misattributed", EDITOR), step("putin on ceasefire")],
    "retract own": [step("retract #{a.live} my mistake")],
    "correct": [step("correct #{a.live}", EDITOR), step("correct #{a.live}")],
    "audit": [
        step("audit #{a.live}"),
        step("audit #{a.retracted}"),
        step("audit D{a.draft}"),
    ],
    "alias a Bravo alias": [
        step("alias putin = potus47", EDITOR),
        step("potus47 on ceasefire"),
        step("alias topic ceasefire = quiet front", EDITOR),
        step("putin on quiet front"),
    ],
    "alias a Bravo name": [step("alias kallas = Petrova", EDITOR), step("petrova")],
    "alias Alpha's own": [
        step("alias trump = vvp", EDITOR),
        step("unalias putin = vvp", EDITOR),
        step("vvp"),
        step("unalias trump = potus47", EDITOR),
        step("alias topic arctic shipping lanes = arctic", EDITOR),
    ],
    "merge actors": [step("merge kallas into putin", EDITOR), step("putin"), step("actors")],
    "merge Alpha's alias": [step("merge vvp into trump", EDITOR), step("trump")],
    "merge topics": [
        step("merge topic kursk into ceasefire", EDITOR),
        step("topic ceasefire"),
        step("topics"),
    ],
    "merge refused": [step("merge kallas into putin"), step("merge petrova into putin", EDITOR)],
    "follow": [
        step("following"),
        step("follow putin"),
        step("follow trump"),
        step("follow petrova"),
        step("follow topic arctic shipping lanes"),
        step("follow vvp on ceasefire"),
        step("following"),
    ],
    "unfollow": [
        step("unfollow putin"),
        step("following"),
        step("unfollow all"),
        step("following"),
    ],
    "follow in a DM": [
        step("following", channel=DM),
        step("follow putin on ceasefire", channel=DM),
        step("following", channel=DM),
        step("unfollow all", channel=DM),
    ],
    "follow in the shell": [step("follow putin", channel=None), step("following", channel=None)],
    "quiet": [
        step("quiet"),
        step("quiet 21:00-06:00"),
        step("quiet"),
        step("quiet off"),
        step("quiet"),
        step("quiet", channel=DM),
        step("quiet 20:00-08:00 Europe/Paris", channel=DM),
    ],
    "digest status": [step("digest"), step("digest status")],
    "digest preview": [step("digest preview")],
    "digest now": [step("digest now"), step("pending")],
    "digest settings": [
        step("digest at 08:00"),
        step("digest follow ceasefire"),
        step("digest follow arctic shipping lanes"),
        step("digest unfollow ceasefire"),
        step("digest days mon-sat"),
        step("digest quiet nothing"),
        step("digest deadline 60 facts"),
        step("digest chart on"),
        step("digest off"),
        step("digest on"),
    ],
    "digest in a channel Alpha never set up": [
        step("digest", channel="C0ONLYBRAVO"),
        step("digest preview", channel="C0ONLYBRAVO"),
        step("digest at 09:00", channel="C0ONLYBRAVO"),
    ],
    "summarize": [
        step("summarize ceasefire offline"),
        step("summarize vvp offline"),
        step("summarize arctic shipping lanes offline"),
        step("summarize quiet front offline"),
        step("pending"),
    ],
    "approve": [step("approve D{a.draft}", EDITOR), step("pending")],
    "approve refused": [step("approve D{a.draft}"), step("pending")],
    "reject": [step("reject D{a.draft} not today", EDITOR), step("audit D{a.draft}")],
    "draft buttons' twins": [step("edit D{a.draft}"), step("retry D{a.draft}")],
    "ingest pasted text": [step("ingest offline " + B_ARTICLE.replace("Quokkastan", "Narva"))],
    "confirm": [step("confirm #{a.candidate}"), step("putin on ceasefire")],
    "confirm with details": [
        step("confirm #{a.candidate} as opposes on ceasefire stated 21 November 2026"),
    ],
    "discard": [step("discard #{a.candidate}"), step("discard #{a.candidate}")],
    "edit a candidate": [step("edit #{a.candidate}")],
    "assign": [step("assign {a.quote}")],
    "export": [
        step("export board ceasefire"),
        step("export history putin on ceasefire json"),
        step("export positions"),
        step("export positions since 1 March 2025 json"),
        step("export board arctic shipping lanes"),
        step("export history petrova on ceasefire"),
    ],
    "chart": [
        step("chart putin on ceasefire"),
        step("chart topic ceasefire"),
        step("chart topic frozen conflict"),
        step("chart petrova on arctic shipping lanes"),
        step("chart topic kursk"),
    ],
    "Bravo's editor and admin in Alpha": [
        step("settings tz UTC", BRAVO.admin),
        step(f"settings approvers {BRAVO.editor}", BRAVO.admin),
        step("approve D{a.draft}", BRAVO.editor),
        step("merge kallas into putin", BRAVO.editor),
        step("retract #{a.live} not ours", BRAVO.editor),
        step("settings"),
    ],
    "settings": [
        step("settings"),
        step("settings tz"),
        step("settings approvers U0AINTERN"),
        step("settings quiet-hours 21:00-05:00", ADMIN),
        step("settings"),
        step("quiet", channel=DM),
        step("settings reset tz", ADMIN),
        step("settings digest-time 06:30", ADMIN),
        step("digest at", channel="C0NEWDESK"),
    ],
}


def run_in_both(
    pair: Pair, steps: list[Step], *, after_each: Callable[[], None] | None = None
) -> None:
    """Each step in Alpha on both databases, checked as the module says (`after_each` runs
    after each step, before the checks: the suite's own tests plant faults with it)."""
    before = snapshot(pair.engine, BRAVO.tenant)
    bravo = ids_of(pair.engine, BRAVO)
    for typed, user, channel in steps:
        answers = []
        for world in (pair.both, pair.alone):
            text = resolve(typed, pair.ids(world))
            said = world.run(A, text, user=user, channel=channel)
            assert not is_internal_error(said), f"{typed!r} failed inside: {said.text}"
            alpha = ids_of(world.engine, A)  # after the command: with any row it made
            answers.append(canonical(visible(said), alpha, folder=world.workdir))
            if world is pair.both:
                found = leaks(everything(said), others=BRAVO_ONLY, other_ids=bravo, typed=text)
                assert found == [], f"{typed!r} shows Bravo's {found}:\n{visible(said)}"
        if after_each is not None:
            after_each()
        assert answers[0] == answers[1], f"Alpha's answer to {typed!r} depends on Bravo"
        assert changed_tables(before, snapshot(pair.engine, BRAVO.tenant)) == {}, typed


@pytest.fixture(scope="module")
def read_pair(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """One pair of databases for the read-only queries (what they change is checked anyway)."""
    with pair_of(templates, tmp_path_factory.mktemp("queries")) as pair:
        yield pair


@pytest.mark.parametrize("typed", QUERIES)
def test_a_query_in_alpha_shows_only_alphas_store(read_pair: Pair, typed: str) -> None:
    run_in_both(read_pair, [step(typed)])


@pytest.mark.parametrize("case", sorted(WRITES))
def test_a_command_in_alpha_shows_and_changes_only_alphas_store(pair: Pair, case: str) -> None:
    run_in_both(pair, WRITES[case])


def test_ingest_of_an_article_page(pair: Pair) -> None:
    from tests.fakes.article_page import article_html, serving_page

    page = article_html(
        "Kremlin studies truce",
        ["Negotiators met in Riyadh on Saturday.", "“We are studying the truce,” Putin said."],
        head='<meta property="article:published_time" content="2026-11-21T08:00:00Z">',
    )
    with serving_page(page) as url:
        run_in_both(pair, [step(f"ingest offline {url}"), step("putin")])


# Commands that name a row by its id: Bravo's ids must be as unknown in Alpha as no id at all.
# (template, who types it, which of Bravo's rows it is tried with)
BY_ID = [
    ("retract #{}", EDITOR, "positions"),
    ("retract #{} wrong", A.reporter, "positions"),
    ("correct #{}", EDITOR, "positions"),
    ("audit #{}", A.reporter, "positions"),
    ("confirm #{}", A.reporter, "positions"),
    ("confirm #{} as opposes on ceasefire", A.reporter, "positions"),
    ("discard #{}", A.reporter, "positions"),
    ("edit #{}", A.reporter, "positions"),
    ("audit D{}", A.reporter, "drafts"),
    ("approve D{}", EDITOR, "drafts"),
    ("reject D{} no", EDITOR, "drafts"),
    ("edit D{}", A.reporter, "drafts"),
    ("retry D{}", A.reporter, "drafts"),
    ("assign {}", A.reporter, "quotes"),
    ("audit {}", A.reporter, "any"),
    ("edit {}", A.reporter, "any"),
]


@pytest.fixture(scope="module")
def refusing_world(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """One shared database for the commands refused for want of a row (checked unchanged)."""
    with pair_of(templates, tmp_path_factory.mktemp("refusals")) as pair:
        yield pair.both


@pytest.mark.parametrize(("template", "user", "rows"), BY_ID)
def test_bravos_ids_are_unknown_in_alpha(
    refusing_world: World, template: str, user: str, rows: str
) -> None:
    world = refusing_world
    bravo, alpha = ids_of(world.engine, BRAVO), ids_of(world.engine, A)
    alphas = {*alpha.positions, *alpha.drafts, *alpha.quotes}
    if rows == "any":  # a bare number: any of Bravo's ids Alpha has in no table
        numbers = sorted({*bravo.positions, *bravo.drafts, *bravo.quotes} - alphas)
    else:
        numbers = list(getattr(bravo, rows))
    assert numbers
    before = snapshot(world.engine, BRAVO.tenant)
    missing = world.run(A, template.format(MISSING_ID), user=user)
    assert not is_internal_error(missing)
    for number in numbers:
        said = world.run(A, template.format(number), user=user)
        assert not is_internal_error(said), said.text
        typed = template.format(number)
        assert leaks(everything(said), others=BRAVO_ONLY, other_ids=bravo, typed=typed) == []
        assert everything(said).replace(str(number), "N") == everything(missing).replace(
            str(MISSING_ID), "N"
        ), f"{template.format(number)} is told apart from an id nobody has"
    assert changed_tables(before, snapshot(world.engine, BRAVO.tenant)) == {}
