"""Stance charts: the data they are drawn from matches the stored history; the PNG is real."""

import io
import itertools
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import Engine
from sqlmodel import Session

from bot.catalog.creation import create_actor, create_topic
from bot.catalog.names import resolve_actor, resolve_topic
from bot.charts import MAX_ALT_TEXT, Timeline, alt_text, build_timeline, credit_line
from bot.charts.render import chart_figure, render_png
from bot.positions.correction_rights import Rights
from bot.positions.corrections import retract_position
from bot.positions.recording import record_statement
from bot.positions.views import ChangeKind
from store import Position, Stance, unit_of_work

MARCH_13 = datetime(2025, 3, 13, tzinfo=UTC)
AS_OF = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")
EDITOR = Rights(user="U_EDITOR", approver=True, window=timedelta(days=36500))
_names = itertools.count()


def _say(
    session: Session,
    actor_id: int,
    topic_id: int,
    stance: Stance,
    days: int,
    conditions: tuple[str, ...] = (),
) -> Position:
    return record_statement(
        session,
        actor_id=actor_id,
        topic_id=topic_id,
        stance=stance,
        quotes=[f"Statement on day {days}, {stance.value}."],
        conditions=conditions,
        stated_at=MARCH_13 + timedelta(days=days),
        recorded_by="U_TEST",
    )


def _putin_moves(engine: Engine) -> tuple[int, int, int]:
    """Putin on the ceasefire after the seed: a condition change, a shift, then a restatement."""
    with unit_of_work(engine) as session:
        putin = resolve_actor(session, query="putin").id
        ceasefire = resolve_topic(session, query="ceasefire").id
        _say(session, putin, ceasefire, Stance.CONDITIONAL, 10, ("no Western troops",))
        shift = _say(session, putin, ceasefire, Stance.OPPOSES, 20)
        _say(session, putin, ceasefire, Stance.OPPOSES, 30)
        assert shift.id is not None
        return putin, ceasefire, shift.id


def test_a_pair_chart_has_one_step_per_live_statement_with_its_change(engine: Engine) -> None:
    putin, ceasefire, _ = _putin_moves(engine)
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=ceasefire, actor_id=putin)
    [series] = timeline.series
    assert timeline.title == "Vladimir Putin on US ceasefire proposal"
    assert [(s.stated_at.date().isoformat(), s.stance, s.change) for s in series.steps] == [
        ("2025-03-13", Stance.CONDITIONAL, ChangeKind.FIRST),
        ("2025-03-23", Stance.CONDITIONAL, ChangeKind.CONDITIONS),
        ("2025-04-02", Stance.OPPOSES, ChangeKind.SHIFT),
        ("2025-04-12", Stance.OPPOSES, ChangeKind.RESTATED),
    ]
    assert series.steps[1].conditions == ("no Western troops",)
    assert [s.level for s in series.steps] == [2, 2, 0, 0]  # Opposes at the bottom
    assert series.withdrawn == ()
    assert alt_text(timeline, zone=UTC_ZONE) == (
        "Vladimir Putin on US ceasefire proposal: Conditional support from 13 Mar 2025; "
        "Opposes from 2 Apr 2025; conditions changed 1 time."
    )


def test_a_retracted_statement_becomes_a_mark_and_the_steps_are_reclassified(
    engine: Engine,
) -> None:
    putin, ceasefire, shift = _putin_moves(engine)
    with unit_of_work(engine) as session:
        retract_position(
            session, position_id=shift, reason="misquoted", rights=EDITOR, now=datetime.now(UTC)
        )
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=ceasefire, actor_id=putin)
    [series] = timeline.series
    # Measured against what still stands, day 30's "opposes" is now the shift.
    assert [(s.stance, s.change) for s in series.steps] == [
        (Stance.CONDITIONAL, ChangeKind.FIRST),
        (Stance.CONDITIONAL, ChangeKind.CONDITIONS),
        (Stance.OPPOSES, ChangeKind.SHIFT),
    ]
    assert shift not in {s.position_id for s in series.steps}
    [mark] = series.withdrawn
    assert (mark.position_id, mark.stance, mark.kind) == (shift, Stance.OPPOSES, "retracted")
    assert mark.stated_at == MARCH_13 + timedelta(days=20)
    assert alt_text(timeline, zone=UTC_ZONE).endswith(
        "Opposes from 12 Apr 2025; conditions changed 1 time; 1 withdrawn statement."
    )


def test_a_topic_chart_draws_the_most_active_actors_and_counts_the_rest(engine: Engine) -> None:
    _, ceasefire, _ = _putin_moves(engine)
    with unit_of_work(engine) as session:
        ukraine = resolve_actor(session, query="ukraine").id
        _say(session, ukraine, ceasefire, Stance.OPPOSES, 5)
    with Session(engine) as session:
        everyone = build_timeline(session, topic_id=ceasefire)
        two = build_timeline(session, topic_id=ceasefire, limit=2)
    assert [s.actor for s in everyone.series] == ["Donald Trump", "Ukraine", "Vladimir Putin"]
    assert everyone.left_out == 0
    assert everyone.title == "US ceasefire proposal"
    # Putin (4 statements) first; Trump and Ukraine have 1 each, so the tie goes by name.
    assert [s.actor for s in two.series] == ["Donald Trump", "Vladimir Putin"]
    assert two.left_out == 1
    assert "1 less active actor not shown." in alt_text(two, zone=UTC_ZONE)


def test_a_pair_with_no_statement_is_an_empty_timeline(engine: Engine) -> None:
    with Session(engine) as session:
        yermak = resolve_actor(session, query="yermak").id
        ceasefire = resolve_topic(session, query="ceasefire").id
        timeline = build_timeline(session, topic_id=ceasefire, actor_id=yermak)
    assert timeline.empty
    assert timeline.title == "Andriy Yermak on US ceasefire proposal"


def test_the_png_is_a_real_picture_of_sensible_size(engine: Engine) -> None:
    putin, ceasefire, shift = _putin_moves(engine)
    with unit_of_work(engine) as session:
        retract_position(
            session, position_id=shift, reason="x", rights=EDITOR, now=datetime.now(UTC)
        )
    with Session(engine) as session:
        pictures = [
            render_png(
                build_timeline(session, topic_id=ceasefire, actor_id=putin),
                zone=UTC_ZONE,
                as_of=AS_OF,
            ),
            render_png(build_timeline(session, topic_id=ceasefire), zone=UTC_ZONE, as_of=AS_OF),
        ]
    for data in pictures:
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert 10_000 < len(data) < 300_000
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG"
            assert 800 <= image.width <= 1400
            assert 400 <= image.height <= 800


def test_alt_text_is_capped_at_slacks_limit(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        topic = create_topic(session, name="Long names").id
        for n in range(8):
            actor = create_actor(session, name=f"Actor {n} " + "with a long name " * 4).id
            for day in range(6):
                _say(session, actor, topic, [Stance.SUPPORTS, Stance.OPPOSES][day % 2], day)
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=topic)
    text = alt_text(timeline, zone=UTC_ZONE)
    assert len(text) == MAX_ALT_TEXT
    assert text.endswith("…")
    assert text.startswith("Stances on Long names over time. Actor 0 with a long name")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(Stance)),
            st.integers(min_value=0, max_value=400),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda t: t[1],
    ),
    st.data(),
)
def test_steps_are_sorted_and_one_per_live_statement(
    engine: Engine, said: list[tuple[Stance, int, bool]], data: st.DataObject
) -> None:
    with unit_of_work(engine) as session:
        actor = create_actor(session, name=f"Property actor {next(_names)}").id
        topic = resolve_topic(session, query="ceasefire").id
        recorded = [
            _say(session, actor, topic, stance, day, ("a condition",) if cond else ())
            for stance, day, cond in said
        ]
        ids = [p.id for p in recorded if p.id is not None]
    withdrawn = set(data.draw(st.sets(st.sampled_from(ids), max_size=len(ids) - 1)))
    with unit_of_work(engine) as session:
        for position_id in withdrawn:
            retract_position(
                session, position_id=position_id, reason="", rights=EDITOR, now=datetime.now(UTC)
            )
    with Session(engine) as session:
        [series] = build_timeline(session, topic_id=topic, actor_id=actor).series
    times = [s.stated_at for s in series.steps]
    assert times == sorted(times)
    # Unclear statements are remarks beside the line, never steps on it.
    unclear = {p.id for p in recorded if p.stance is Stance.UNCLEAR}
    assert {s.position_id for s in series.steps} == set(ids) - withdrawn - unclear
    assert {r.position_id for r in series.remarks} == (set(ids) - withdrawn) & unclear
    assert {w.position_id for w in series.withdrawn} == withdrawn
    if series.steps:
        assert series.steps[0].change is ChangeKind.FIRST
    for before, after in itertools.pairwise(series.steps):
        shifted = before.stance != after.stance
        assert (after.change is ChangeKind.SHIFT) == shifted
        if not shifted:
            same = before.conditions == after.conditions
            assert after.change is (ChangeKind.RESTATED if same else ChangeKind.CONDITIONS)


@pytest.mark.parametrize("count", [1, 8])
def test_any_number_of_drawn_actors_renders(engine: Engine, count: int) -> None:
    with unit_of_work(engine) as session:
        topic = create_topic(session, name=f"Busy topic {count}").id
        for n in range(count):
            actor = create_actor(session, name=f"Busy actor {count}-{n}").id
            _say(session, actor, topic, list(Stance)[n % 5], n)
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=topic)
    assert len(timeline.series) == count
    assert render_png(timeline, zone=UTC_ZONE, as_of=AS_OF).startswith(b"\x89PNG")


def test_names_that_look_like_math_are_drawn_as_text(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        topic = create_topic(session, name=r"Budget $\frac{1}{ cuts").id
        actor = create_actor(session, name=r"$\sqrt{ Minister $x$").id
        _say(session, actor, topic, Stance.SUPPORTS, 1)
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=topic, actor_id=actor)
    assert render_png(timeline, zone=UTC_ZONE, as_of=AS_OF).startswith(b"\x89PNG")


def test_unclear_statements_are_remarks_beside_the_line_not_steps(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        putin = resolve_actor(session, query="putin").id
        ceasefire = resolve_topic(session, query="ceasefire").id
        vague = [_say(session, putin, ceasefire, Stance.UNCLEAR, days) for days in (10, 25)]
        _say(session, putin, ceasefire, Stance.OPPOSES, 20)
        withdrawn = _say(session, putin, ceasefire, Stance.UNCLEAR, 30)
        retract_position(
            session, position_id=withdrawn.id or 0, reason="x", rights=EDITOR, now=AS_OF
        )
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=ceasefire, actor_id=putin)
    [series] = timeline.series
    assert [(s.stance, s.change) for s in series.steps] == [
        (Stance.CONDITIONAL, ChangeKind.FIRST),
        (Stance.OPPOSES, ChangeKind.SHIFT),  # from Conditional support: the remark is no stance
    ]
    assert [r.position_id for r in series.remarks] == [p.id for p in vague]
    [mark] = series.withdrawn
    assert mark.level is None  # a withdrawn unclear remark is drawn in the remarks' band
    assert alt_text(timeline, zone=UTC_ZONE) == (
        "Vladimir Putin on US ceasefire proposal: Conditional support from 13 Mar 2025; "
        "Opposes from 2 Apr 2025; 2 unclear remarks (no change of stance); "
        "1 withdrawn statement."
    )
    axes = _drawn(timeline).axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == [
        "Unclear remark",
        "Opposes",
        "Undecided",
        "Conditional support",
        "Supports",
    ]
    hollow = [line for line in axes.get_lines() if line.get_markerfacecolor() == "white"]
    remarks = [xy for line in hollow if line.get_marker() == "o" for xy in line.get_xydata()]
    assert len(remarks) == 2
    assert all(y < -0.5 for _, y in remarks)  # beneath Opposes (0), apart from the scale


def test_one_late_statement_leaves_every_statement_room(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        actor = create_actor(session, name="Late speaker").id
        topic = create_topic(session, name="Late topic").id
        for days, stance in [(0, Stance.SUPPORTS), (1, Stance.OPPOSES), (2, Stance.UNCLEAR)]:
            _say(session, actor, topic, stance, days)
        for days in (4, 9, 600):
            _say(session, actor, topic, Stance.SUPPORTS if days % 2 else Stance.UNDECIDED, days)
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=topic, actor_id=actor)
    figure = _drawn(timeline)
    axes = figure.axes[0]
    xs = sorted({round(x) for x in _marker_xs(axes)})
    assert len(xs) == 6
    smallest = min(b - a for a, b in itertools.pairwise(xs))
    # Six statements over a 600-day span: each gets its share of the width, none a sliver.
    assert smallest >= axes.bbox.width / 8
    assert sum("//" in t.get_text() for t in axes.texts) == 1  # the long gap is marked
    assert "not to scale of time" in axes.get_xlabel()


def test_the_key_and_the_source_line_sit_clear_of_the_plot_and_the_edge(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        topic = create_topic(session, name="Crowded topic with a long name " * 3).id
        for n in range(9):
            actor = create_actor(session, name=f"Speaker {n} with a rather long name indeed").id
            for day in range(4):
                _say(session, actor, topic, list(Stance)[(n + day) % 5], n + 3 * day)
    with Session(engine) as session:
        timeline = build_timeline(session, topic_id=topic)
    figure = _drawn(timeline, credit="Europe desk")
    renderer = figure.canvas.get_renderer()
    plot = figure.axes[0].get_tightbbox(renderer)  # with its title, tick labels and axis note
    [legend] = figure.legends
    key = legend.get_window_extent(renderer)
    [source] = [t for t in figure.texts if t.get_text().startswith("Source:")]
    line = source.get_window_extent(renderer)
    assert source.get_text() == (
        "Source: Standpoint position records · as of 7 Dec 2026 · Europe desk"
    )
    assert line.y1 <= key.y0  # the source line at the bottom,
    assert key.y1 <= plot.y0  # the key above it, and the plot above both
    for box in (plot, key, line):  # and all of them inside the picture
        assert box.x0 >= 0
        assert box.x1 <= figure.bbox.width
        assert box.y0 >= 0
        assert box.y1 <= figure.bbox.height
    assert credit_line(as_of=AS_OF, zone=ZoneInfo("America/New_York")) == (
        "Source: Standpoint position records · as of 7 Dec 2026"
    )


def _drawn(timeline: Timeline, *, credit: str = "") -> Any:
    """The chart's Figure, laid out as it is saved."""
    figure = chart_figure(timeline, zone=UTC_ZONE, as_of=AS_OF, credit=credit)
    figure.canvas.draw()
    return figure


def _marker_xs(axes: Any) -> list[float]:
    """Where, in pixels across, every statement's marker is drawn."""
    xs: list[float] = []
    for line in axes.get_lines():
        if line.get_marker() in ("None", None, ""):
            continue
        points = line.get_xydata()
        every = line.get_markevery()
        points = points[every] if isinstance(every, list) else points
        xs += [x for x, _ in axes.transData.transform(points)]
    return xs
