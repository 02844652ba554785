"""What leaves the desks without being typed: digests for the channel both newsrooms share,
alerts, export files, search hits, chart data, the Home tab, and what the model is sent.

Each is produced in Alpha's scope (or by a job that serves every newsroom) and checked to hold
only Alpha's rows, to equal what Alpha alone gets, and to leave Bravo's rows as they were.
"""

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlmodel import select

from bot import positions
from bot.alerts import Follower, drafts_waiting_for, follows_for, quiet_window, recent_alerts
from bot.grammar import ChartRequest, Export
from bot.search import read_terms, search
from handlers.blocks import Message, home_view
from handlers.serving.scheduler import DigestScheduler
from store import Alert, DigestSchedule, LLMCall, make_engine, tenant_scope, unit_of_work
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.isolation.conftest import Pair, Templates, copy_of
from tests.isolation.newsrooms import (
    A_ONLY,
    A_QUOTE,
    B_QUOTE,
    BRAVO_ONLY,
    NOW,
    SHARED_CHANNEL,
    A,
    B,
    Newsroom,
    Sent,
    World,
    build_world,
    canonical,
    changed_tables,
    everything,
    ids_of,
    leaks,
    make_settings,
    multi_workspace,
    snapshot,
    visible,
)

# Thursday 26 November 2026: Alpha's digest is due at 07:00 Berlin, Bravo's at 05:47 New York.
ALPHA_SLOT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
BRAVO_SLOT = datetime(2026, 11, 26, 10, 47, tzinfo=UTC)
OTHERS = {A.tenant: BRAVO_ONLY, B.tenant: A_ONLY}


def _shows_only_its_own(sent: list[Sent], world: World) -> None:
    """Each post was made in a newsroom's scope and shows nothing of the other one."""
    ids = {A.tenant: ids_of(world.engine, B), B.tenant: ids_of(world.engine, A)}
    for post in sent:
        assert post.tenant in OTHERS, f"{post.kind} to {post.place} posted outside any scope"
        found = leaks(
            everything(post.message), others=OTHERS[post.tenant], other_ids=ids[post.tenant]
        )
        assert found == [], f"{post.tenant}'s {post.kind} to {post.place} shows {found}"


def _tenant(post: Sent) -> str:
    return post.tenant or ""


def test_the_scheduler_fires_each_schedule_of_the_shared_channel_in_its_own_newsroom(
    world: World,
) -> None:
    scheduler = DigestScheduler(digests=world.desks.digests, engine=world.engine)
    scheduler.sync()
    with unit_of_work(world.engine, every_tenant=True) as session:
        owners = {s.id: s.tenant_id for s in session.exec(select(DigestSchedule)).all()}
    jobs = [job for job in scheduler.scheduler.get_jobs() if job.id.startswith("digest:")]
    assert sorted(job.kwargs["tenant"] for job in jobs) == [A.tenant, B.tenant]
    assert all(owners[job.kwargs["schedule_id"]] == job.kwargs["tenant"] for job in jobs)
    for job in jobs:
        slot = ALPHA_SLOT if job.kwargs["tenant"] == A.tenant else BRAVO_SLOT
        with time_machine.travel(slot + timedelta(seconds=5), tick=False):
            job.func(**job.kwargs)  # what APScheduler runs when the slot fires
    cards = sorted((post for post in world.poster.sent if post.kind == "card"), key=_tenant)
    assert [post.tenant for post in cards] == [A.tenant, B.tenant]
    alpha, bravo = (visible(post.message) for post in cards)
    assert "no ceasefire on these terms" in alpha  # Alpha's own shift
    assert "Marzipan" in bravo  # Bravo's digest (it follows Arctic shipping lanes) is Bravo's
    _shows_only_its_own(world.poster.sent, world)


def test_a_digest_approved_in_alpha_is_posted_to_the_shared_channel_with_alphas_content(
    world: World,
) -> None:
    before = snapshot(world.engine, B.tenant)
    drafted = world.run(A, "digest now")
    assert "waiting for approval" in visible(drafted)
    draft = ids_of(world.engine, A).draft
    world.run(A, f"approve D{draft}", user=A.editor)
    [published] = [post for post in world.poster.sent if post.kind == "publish"]
    assert (published.tenant, published.place) == (A.tenant, SHARED_CHANNEL)
    _shows_only_its_own(world.poster.sent, world)
    assert changed_tables(before, snapshot(world.engine, B.tenant)) == {}


@pytest.mark.parametrize("parallel", [1, 4])
def test_alerts_go_to_each_newsrooms_followers_in_its_scope(world: World, parallel: int) -> None:
    world.alerts.parallel = parallel
    lines = world.alerts.send_due(now=NOW + timedelta(minutes=1))
    alerts = [post for post in world.poster.sent if post.kind == "alert"]
    where = sorted((post.tenant, post.place) for post in alerts)
    # Alpha's shift went to the channel that follows Putin in Alpha; Bravo's to the same channel
    # as Bravo follows it. Bravo's reporter is in Bravo's default quiet hours (23:00-06:00 New
    # York), Alpha has none: only Alpha's settings apply to Alpha's followers.
    assert where == [
        (A.tenant, f"{A.tenant}/{SHARED_CHANNEL}"),
        (B.tenant, f"{B.tenant}/{SHARED_CHANNEL}"),
    ], lines
    _shows_only_its_own(world.poster.sent, world)
    alpha = next(visible(p.message) for p in alerts if p.tenant == A.tenant)
    assert "no ceasefire on these terms" in alpha
    with unit_of_work(world.engine, every_tenant=True) as session:
        held = session.exec(select(Alert.tenant_id, Alert.target).where(Alert.status == "pending"))
        assert held.all() == [(B.tenant, B.reporter)]


def test_an_alert_queued_in_alpha_reaches_only_alphas_followers(pair: Pair) -> None:
    for world in (pair.both, pair.alone):
        world.alerts.send_due(now=NOW)  # what setup left waiting
        world.poster.sent.clear()
        world.run(A, 'add putin on ceasefire: supports "A pause suits us now."')
        world.alerts.send_due(now=NOW + timedelta(minutes=1))
    both, alone = pair.both.poster.sent, pair.alone.poster.sent
    assert [(p.tenant, p.kind, p.place) for p in both] == [
        (p.tenant, p.kind, p.place) for p in alone
    ]
    assert [p.place for p in both] == [f"{A.tenant}/{SHARED_CHANNEL}"]
    assert canonical(visible(both[0].message), ids_of(pair.both.engine, A)) == canonical(
        visible(alone[0].message), ids_of(pair.alone.engine, A)
    )


def _export(world: World, request: Export) -> list[dict[str, str]]:
    with tenant_scope(A.tenant):
        file = world.desks.dispatcher.exports.build(request, now=NOW)
    data = file.data.decode("utf-8-sig")
    if request.format == "json":
        rows = json.loads(data)
        return [{k: json.dumps(v, sort_keys=True) for k, v in row.items()} for row in rows]
    return list(csv.DictReader(io.StringIO(data)))


@pytest.mark.parametrize(
    "request_",
    [
        Export(what="positions"),
        Export(what="positions", format="json"),
        Export(what="board", topic="ceasefire"),
        Export(what="history", actor="vvp", topic="ceasefire", format="json"),
        Export(what="positions", since="1 November 2026"),
    ],
)
def test_an_export_holds_alphas_rows_only(pair: Pair, request_: Export) -> None:
    files = []
    for world in (pair.both, pair.alone):
        rows = _export(world, request_)
        mine = ids_of(world.engine, A)
        rank = {str(n): f"p{k}" for k, n in enumerate(mine.positions, 1)}
        for row in rows:
            assert row["position_id"].strip('"') in rank, row
            for column in ("position_id", "supersedes_id"):
                row[column] = rank.get(row[column].strip('"'), row[column])
        files.append(rows)
        said = json.dumps(rows, ensure_ascii=False)
        assert leaks(said, others=BRAVO_ONLY, other_ids=ids_of(pair.engine, B)) == []
    assert files[0] == files[1]
    assert files[0], "the export holds Alpha's positions"


def test_search_hits_are_alphas_and_counted_as_alpha_alone(pair: Pair) -> None:
    for words in ("ceasefire", "truce", "kursk", "Zephyrine", '"lasting truce"', "moscow"):
        found = []
        for world in (pair.both, pair.alone):
            mine = ids_of(world.engine, A)
            with tenant_scope(A.tenant), unit_of_work(world.engine) as session:
                page = search(session, terms=read_terms(words))
            assert {hit.id for hit in page.items} <= set(mine.positions), words
            rank = {n: k for k, n in enumerate(mine.positions, 1)}
            found.append((page.total, sorted(rank[hit.id] for hit in page.items)))
        assert found[0] == found[1], words


def test_chart_data_and_picture_are_alphas(pair: Pair) -> None:
    for request in (
        ChartRequest(topic="ceasefire"),
        ChartRequest(topic="ceasefire", actor="vvp"),
        ChartRequest(topic="kursk"),
    ):
        drawn = []
        for world in (pair.both, pair.alone):
            charts = world.desks.dispatcher.charts
            with tenant_scope(A.tenant):
                timeline = charts.timeline(request)
                chart = charts.draw(timeline, now=NOW)
            names = [series.actor for series in timeline.series]
            assert not leaks(
                " ".join(names) + chart.alt, others=BRAVO_ONLY, other_ids=ids_of(pair.engine, B)
            )
            drawn.append((names, [len(s.steps) for s in timeline.series], chart.alt, chart.data))
        assert drawn[0] == drawn[1], request


def _home(world: World, room: Newsroom) -> Message:
    """One person's Home tab as handlers/slack/home.py builds it, for `room`'s reporter."""
    with tenant_scope(room.tenant):
        settings = world.desks.dispatcher.settings
        with unit_of_work(world.engine) as session:
            person = Follower(team_id=room.tenant, target=room.reporter, kind="user")
            view = home_view(
                recent=positions.recent_statements(session, limit=10),
                follows=follows_for(session, team_id=room.tenant, user=room.reporter),
                quiet=quiet_window(session, person),
                alerts=recent_alerts(session, team_id=room.tenant, user=room.reporter, limit=10),
                drafts=drafts_waiting_for(session, user=room.reporter, approver=False, now=NOW),
                approver=False,
                command=settings.command,
            )
    return Message(text="", blocks=view["blocks"])


def test_the_home_tab_lists_alphas_follows_alerts_drafts_and_statements(pair: Pair) -> None:
    before = snapshot(pair.engine, B.tenant)
    homes = []
    for world in (pair.both, pair.alone):
        world.alerts.send_due(now=NOW)
        home = _home(world, A)
        if world is pair.both:
            bravo = ids_of(pair.engine, B)
            assert leaks(everything(home), others=BRAVO_ONLY, other_ids=bravo) == []
        homes.append(canonical(visible(home), ids_of(world.engine, A)))
    assert homes[0] == homes[1]
    for words in ("Vladimir Putin", "topic US ceasefire proposal", "Kaja Kallas", "Dd1"):
        assert words in homes[0]  # Alpha's follows, statements and pending draft
    bravo_home = visible(_home(pair.both, B))
    assert "Valentina Petrova" in bravo_home
    assert not leaks(bravo_home, others=A_ONLY, other_ids=ids_of(pair.engine, A))
    assert changed_tables(before, snapshot(pair.engine, B.tenant)) != {}  # Bravo's alerts went


@pytest.fixture
def model_world(templates: Templates, tmp_path: Path) -> Iterator[tuple[World, FakeOpenAI]]:
    """The shared database with a language model (the fake OpenAI server)."""
    with FakeOpenAI() as fake, copy_of(templates.both, tmp_path) as url:
        settings = make_settings(
            url,
            openai_api_key="sk-test-000000000000000000",
            openai_base_url=fake.base_url,
            model="fake-model",
            llm_retries=0,
            llm_timeout=2,
        )
        engine = make_engine(url)
        try:
            with multi_workspace(), time_machine.travel(NOW, tick=False):
                yield build_world(engine, settings, tmp_path), fake
        finally:
            engine.dispose()


def test_the_model_is_given_alphas_statements_only(model_world: tuple[World, FakeOpenAI]) -> None:
    world, fake = model_world
    bravo = ids_of(world.engine, B)
    alpha = ids_of(world.engine, A)
    before = snapshot(world.engine, B.tenant)
    # The model cites Alpha's statement and, as if it had guessed, Bravo's.
    fake.script(
        LLMReply.claims(
            ("Putin now opposes the ceasefire on these terms.", [alpha.live]),
            ("Moscow would welcome a lasting truce.", [bravo.live]),
        )
    )
    said = world.run(A, "summarize ceasefire")
    [call] = fake.calls
    sent = json.dumps(call.body, ensure_ascii=False)
    assert A_QUOTE in sent
    assert leaks(sent, others=BRAVO_ONLY, other_ids=bravo) == [], "the model saw Bravo's rows"
    assert B_QUOTE not in sent
    [card] = [post for post in world.poster.sent if post.kind == "card"]
    assert card.tenant == A.tenant
    # Only Bravo's id can be on the card: the model wrote it; nothing of its row is shown.
    shown = everything(card.message).replace(f"#{bravo.live}", "#<the model's>")
    assert leaks(shown, others=BRAVO_ONLY, other_ids=bravo) == []
    assert "Draft D" in visible(said)
    with tenant_scope(A.tenant):
        assert world.desks.dispatcher.settings.approver_ids == {A.editor}
    with unit_of_work(world.engine, every_tenant=True) as session:
        spent = session.exec(select(LLMCall.tenant_id, LLMCall.user_id)).all()
    assert spent == [(A.tenant, A.reporter)]  # counted against Alpha's budget only
    assert changed_tables(before, snapshot(world.engine, B.tenant)) == {}


def test_search_ranking_is_alphas_own(pair: Pair) -> None:
    """Two of Alpha's statements match a search equally well but for different words; how many
    of Bravo's statements hold each word must not decide which comes first (FTS5's bm25 did:
    it weighs words by the whole index, every newsroom's statements included)."""
    for world in (pair.both, pair.alone):
        world.run(A, 'add trump on kursk: supports "walrus walrus walrus pelican"')
        world.run(A, 'add ukraine on kursk: opposes "walrus pelican pelican pelican"')
    for number in range(12):
        pair.both.run(B, f'add trump on ceasefire: supports "pelican number {number} at sea"')
    answers = []
    for world in (pair.both, pair.alone):
        said = visible(world.run(A, "search walrus pelican"))
        answers.append(canonical(said, ids_of(world.engine, A)))
    assert answers[0] == answers[1]
