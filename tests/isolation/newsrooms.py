"""Two newsrooms on one database, made different on purpose, and the tools to compare them.

Both load the reference seed, then each gets its own names, aliases, positions, follows, quiet
hours, digest schedule, drafts, ingest leftovers, corrections and settings (`make_bravo`,
`make_alpha`). They overlap where it is most likely to leak: both track "Putin" and the US
ceasefire proposal; "vvp" is Putin in Alpha and somebody else in Bravo; both follow and
schedule a digest in one Slack Connect channel (one channel id for both workspaces).

Everything Bravo has and Alpha has not is made of words found nowhere else (`BRAVO_ONLY`), so
a leak is a plain substring of what Alpha is shown. `snapshot` reads every row a tenant owns
(every table with a `tenant_id`, plus SQLite's search index rows of its positions), so a write
that touches another newsroom's rows shows as a difference.

Nothing here is Slack-specific: the Slack-level suite can drive the same two newsrooms.
"""

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import chdir, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

import time_machine
from rich.console import Console
from sqlalchemy import Engine, MetaData, Table, select, text
from sqlmodel import col
from sqlmodel import select as rows_of

from bot.alerts import Follower
from bot.catalog import create_actor, create_topic
from bot.positions import PositionForm
from bot.settings import Settings, effective_settings
from handlers.blocks import Message, draft_card
from handlers.desks import AlertDesk, assemble
from handlers.desks.assembly import Desks
from handlers.shell.render import render
from seeds import load_reference_seed
from store import (
    ActorKind,
    Draft,
    DraftStatus,
    Position,
    PositionStatus,
    UncreditedQuote,
    register_tenant,
    scoped_tenant,
    tenant_scope,
    unit_of_work,
)

ALPHA = "T0ALPHA01"  # tenant ids are Slack team ids (store.tenancy)
BRAVO = "T0BRAVO02"
SHARED_CHANNEL = "C0SHARED01"  # a Slack Connect channel: one id in both workspaces
MISSING_ID = 987654  # no row anywhere has it

# When the newsrooms were set up, and when tests ask (a Wednesday, 10:30 in Berlin).
SETUP_AT = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # names, follows, schedules, settings
STATED_AT = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # statements, drafts, ingests
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Newsroom:
    """One workspace: its tenant and the people in it."""

    tenant: str
    reporter: str
    editor: str
    admin: str

    @property
    def dm(self) -> str:
        """The reporter's DM with the bot."""
        return "D" + self.reporter[1:]


A = Newsroom(ALPHA, reporter="U0AREPORTER", editor="U0AEDITOR", admin="U0AADMIN")
B = Newsroom(BRAVO, reporter="U0BREPORTER", editor="U0BEDITOR", admin="U0BADMIN")

# Alpha's own words (used to check Bravo's answers in the other direction, and Alpha's shows).
A_QUOTE = "There will be no ceasefire on these terms."
A_ONLY = (
    "Kaja Kallas",
    "EU top diplomat",
    "Baltic air policing",
    "alpha.example",
    "Tallinn",
    "patrolling the Baltic sky",
    A.reporter,
    A.editor,
    A.admin,
)
# Bravo's own words: none of them may ever reach Alpha.
B_QUOTE = "Zephyrine says a lasting truce would suit Moscow."
B_DRAFT_TOPIC = "Arctic shipping lanes"
BRAVO_ONLY = (
    "Valentina Petrova",
    "Petrova",
    "Arctic shipping",
    "northern sea route",
    "potus47",
    "quiet front",
    "Zephyrine",
    "Quokkastan",
    "Marzipan",
    "bravo.example",
    "Lemony",  # the corrected quote
    "Hornbeam",  # the retracted quote
    "America/New_York",
    "New York",
    "05:47",  # Bravo's digest time
    "01:17",  # Bravo's quiet hours in the shared channel
    "23:00",  # Bravo's default quiet hours
    B.reporter,
    B.editor,
    B.admin,
    B.dm,
)

B_ARTICLE = (
    "MOSCOW, 20 November 2026 - Talks continued on Friday.\n\n"
    "“We are studying the ceasefire idea carefully, says Quokkastan,” Putin said.\n\n"
    "“Quokkastan will never sign a Marzipan accord,” one official in the room said.\n"
)
A_ARTICLE = (
    "TALLINN, 21 November 2026 - Ministers met on Saturday.\n\n"
    "“We are studying the ceasefire idea with great care,” Putin said.\n\n"
    "“Nobody in Tallinn expects a quick deal,” one diplomat in the room said.\n"
)


@dataclass
class Sent:
    """One thing a poster was asked to show: in whose scope, where, and what it said."""

    tenant: str | None
    kind: str  # "card", "update", "publish", "note", "alert"
    place: str
    message: Message


@dataclass
class RecordingPoster:
    """A CardPoster and AlertPoster (handlers.desks) that keeps everything it is asked to
    post, with the tenant in scope at that moment (the workspace whose token Slack would use)."""

    command: str = "/stance"
    sent: list[Sent] = field(default_factory=list)

    def show_card(self, draft: Draft) -> tuple[str, str] | None:
        self._keep("card", "approvals", draft_card(draft, command=self.command))
        return "C0APPROVALS", f"{len(self.sent)}.000100"

    def update_card(self, draft: Draft) -> None:
        self._keep("update", draft.card_channel or "", draft_card(draft, command=self.command))

    def publish(self, draft: Draft) -> str:
        self._keep("publish", draft.channel_id or "", Message(text=f"{draft.title}\n{draft.body}"))
        return f"{len(self.sent)}.000200"

    def post_note(self, channel_id: str, message: Message) -> str:
        self._keep("note", channel_id, message)
        return f"{len(self.sent)}.000300"

    def post_alert(self, follower: Follower, message: Message) -> str:
        self._keep("alert", f"{follower.team_id}/{follower.target}", message)
        return f"{len(self.sent)}.000400"

    def _keep(self, kind: str, place: str, message: Message) -> None:
        self.sent.append(Sent(scoped_tenant(), kind, place, message))


def is_approver(engine: Engine, defaults: Settings) -> Callable[[str], bool]:
    """Who approves: the approvers of the workspace in scope (its own settings)."""
    return lambda user: user in effective_settings(engine=engine, defaults=defaults).approver_ids


def is_admin(user: str) -> bool:
    """Who administers the workspace in scope (Slack would say: its admins and owners)."""
    return user == {A.tenant: A.admin, B.tenant: B.admin}.get(scoped_tenant() or "")


@dataclass
class World:
    """One database and the desks a deployment would build on it."""

    engine: Engine
    settings: Settings
    desks: Desks
    poster: RecordingPoster
    alerts: AlertDesk
    workdir: Path

    def run(
        self,
        room: Newsroom,
        typed: str,
        *,
        user: str | None = None,
        channel: str | None = SHARED_CHANNEL,
        at: datetime = NOW,
    ) -> Message:
        """`/stance <typed>` in `room`'s scope, as Slack would run it (channel and team given);
        `channel=None` is the shell. Files (exports, charts) land in this world's folder; the
        clock reads `at` (what is stamped "now" by default agrees with the command's moment)."""
        dispatcher = self.desks.dispatcher
        with tenant_scope(room.tenant), chdir(self.workdir), time_machine.travel(at, tick=False):
            command = dispatcher.interpret(typed)
            if isinstance(command, Message):
                return command
            return dispatcher.execute(
                command,
                user=user or room.reporter,
                now=at,
                channel_id=channel,
                team_id=room.tenant if channel else None,
                request_id=f"req-{room.tenant}",
            )


def build_world(engine: Engine, settings: Settings, workdir: Path) -> World:
    """The desks `serve` would assemble, on one poster that records what it is given."""
    poster = RecordingPoster(command=settings.command)
    desks = assemble(
        engine=engine,
        settings=settings,
        poster=poster,
        is_approver=is_approver(engine, settings),
        is_admin=is_admin,
    )
    alerts = AlertDesk(
        engine=engine, settings=settings, poster=poster, instance="isolation", settle_seconds=0
    )
    return World(engine, settings, desks, poster, alerts, workdir)


def make_settings(url: str, **more: Any) -> Settings:
    """Deployment settings for the suite (the environment's: every workspace's defaults)."""
    fields: dict[str, Any] = {"database_url": url, "fetch_allow_private": True, **more}
    return Settings(_env_file=None, **fields)


def seed(engine: Engine, room: Newsroom) -> None:
    """The reference seed, in `room`'s store."""
    register_tenant(engine, tenant=room.tenant, team_id=room.tenant, enterprise_id="", name="")
    with tenant_scope(room.tenant), unit_of_work(engine) as session:
        load_reference_seed(session)


def must(message: Message, *expected: str) -> Message:
    """The answer, checked to say each of `expected` (setup steps must really happen)."""
    shown = visible(message)
    for words in expected:
        assert words in shown, f"expected {words!r} in:\n{shown}"
    return message


def make_bravo(world: World) -> None:
    """Bravo: its own actor and topic (named by Alpha's alias "vvp"), other aliases, other
    positions on shared names, follows and a digest in the shared channel, drafts (one
    posted), an ingest with a quote nobody is credited with, a correction and a retraction."""
    run, b = partial(world.run, at=SETUP_AT), B
    must(run(b, "settings tz America/New_York", user=b.admin), "America/New_York")
    must(run(b, f"settings approvers {b.editor}", user=b.admin), "Approvers")
    must(run(b, "settings quiet-hours 23:00-06:00", user=b.admin), "quiet hours")
    with tenant_scope(b.tenant), unit_of_work(world.engine) as session:
        create_actor(
            session,
            name="Valentina Petrova",
            kind=ActorKind.PERSON,
            description="Speaker of the Quokkastan assembly",
            aliases=["vvp", "Petrova"],
        )
        create_topic(
            session,
            name=B_DRAFT_TOPIC,
            description="Who may sail the northern sea route",
            aliases=["northern sea route"],
        )
    must(run(b, "alias trump = potus47", user=b.editor), "now names Donald Trump")
    must(run(b, "alias topic ceasefire = quiet front", user=b.editor), "now names")
    for follow in ("putin", "vvp", "topic arctic shipping lanes"):
        must(run(b, f"follow {follow}"), "follow")
    must(run(b, "follow putin on ceasefire", channel=b.dm), "follow")
    must(run(b, "quiet 01:17-02:43 America/New_York"), "01:17")
    must(run(b, "digest at 05:47 America/New_York"), "05:47")
    must(run(b, "digest follow arctic shipping lanes"), "Arctic shipping lanes")
    for statement in (
        f'putin on ceasefire: supports "{B_QUOTE}" https://bravo.example/zephyrine',
        'vvp on ceasefire: opposes "Quokkastan will not accept a pause." '
        "https://bravo.example/petrova",
        'vvp on arctic shipping lanes: conditional "The northern passage stays open if '
        'Marzipan convoys are escorted." conditions: Marzipan escorts',
        'potus47 on frozen conflict: supports "A frozen line is better than none, '
        'Zephyrine was told."',
        'putin on kursk: opposes "Hornbeam troops stay in Kursk." stated 20 November 2026',
        'vvp on kursk: supports "Kursk talks should include Quokkastan observers."',
    ):
        must(run(b, f"add {statement}", at=STATED_AT), "Recorded as position")
    kursk = _position_id(world, b, "Hornbeam troops stay in Kursk.")
    must(run(b, f"retract #{kursk} Hornbeam misquote", user=b.editor, at=STATED_AT), "Withdrew")
    petrova = _position_id(world, b, "Kursk talks should include Quokkastan observers.")
    dispatcher = world.desks.dispatcher
    with tenant_scope(b.tenant):
        form, _ = dispatcher.corrections.correction_form(petrova, user=b.editor, now=STATED_AT)
        corrected = PositionForm(**{**form.__dict__, "quote": "Lemony observers may attend."})
        dispatcher.corrections.save_correction(
            petrova, form=corrected, reason="Lemony wording", user=b.editor, now=STATED_AT
        )
    must(run(b, "summarize ceasefire offline", at=STATED_AT), "Draft D")
    posted = _draft_id(world, b, DraftStatus.PENDING)
    must(run(b, f"approve D{posted}", user=b.editor, at=STATED_AT), "")
    must(run(b, "summarize arctic shipping lanes offline", at=STATED_AT), "Draft D")
    must(run(b, f"ingest offline {B_ARTICLE}", at=STATED_AT), "without a speaker")


def make_alpha(world: World, *, article_url: str | None = None) -> None:
    """Alpha: "vvp" is Putin here, an actor and topic Bravo lacks, positions of its own,
    follows, quiet hours and a digest in the shared channel, a pending draft, an ingest."""
    run, a = partial(world.run, at=SETUP_AT), A
    must(run(a, "settings tz Europe/Berlin", user=a.admin), "Europe/Berlin")
    must(run(a, f"settings approvers {a.editor}", user=a.admin), "Approvers")
    with tenant_scope(a.tenant), unit_of_work(world.engine) as session:
        create_actor(
            session,
            name="Kaja Kallas",
            kind=ActorKind.PERSON,
            description="EU foreign policy chief",
            aliases=["Kallas", "EU top diplomat"],
        )
        create_topic(session, name="Baltic air policing", aliases=["air policing"])
    must(run(a, "alias putin = vvp", user=a.editor), "now names Vladimir Putin")
    for follow in ("putin", "topic ceasefire"):
        must(run(a, f"follow {follow}"), "follow")
    must(run(a, "follow kallas", channel=a.dm), "follow")
    must(run(a, "quiet 22:00-07:00 Europe/Berlin"), "22:00")
    must(run(a, "digest at 07:00 Europe/Berlin"), "07:00")
    for statement in (
        f'putin on ceasefire: opposes "{A_QUOTE}" https://alpha.example/kremlin '
        "conditions: Kyiv stops mobilising",
        'kallas on ceasefire: supports "Europe stands behind the ceasefire plan." '
        "https://alpha.example/kallas",
        'kallas on air policing: supports "Allied jets will keep patrolling the Baltic sky."',
        'trump on kursk: undecided "We will see what happens in Kursk, Tallinn heard."',
    ):
        must(run(a, f"add {statement}", at=STATED_AT), "Recorded as position")
    kursk = _position_id(world, a, "We will see what happens in Kursk, Tallinn heard.")
    must(run(a, f"retract #{kursk} said by someone else", user=a.editor, at=STATED_AT), "Withdrew")
    must(run(a, "summarize ceasefire offline", at=STATED_AT), "Draft D")
    source = article_url or A_ARTICLE
    must(run(a, f"ingest offline {source}", at=STATED_AT), "without a speaker")


def _position_id(world: World, room: Newsroom, quote: str) -> int:
    with tenant_scope(room.tenant), unit_of_work(world.engine) as session:
        for position in session.exec(rows_of(Position)).all():
            if quote in position.quotes:
                assert position.id is not None
                return position.id
    raise AssertionError(f"no position quoting {quote!r} in {room.tenant}")


def _draft_id(world: World, room: Newsroom, status: DraftStatus) -> int:
    with tenant_scope(room.tenant), unit_of_work(world.engine) as session:
        found = session.exec(
            rows_of(Draft.id).where(col(Draft.status) == status).order_by(col(Draft.id).desc())
        ).first()
    assert found is not None
    return int(found)


# -- the ids each newsroom's rows got (they differ between databases) --------------------------


@dataclass(frozen=True)
class Ids:
    """Ids of one newsroom's rows, found by what they say."""

    live: int  # its own statement on Putin and the ceasefire
    retracted: int
    candidate: int  # proposed by its ingest, not yet confirmed
    quote: int  # a quote its ingest credited to nobody
    draft: int  # a pending summary
    positions: tuple[int, ...]
    drafts: tuple[int, ...]
    quotes: tuple[int, ...]

    def of(self, name: str) -> int:
        return int(getattr(self, name))


def ids_of(engine: Engine, room: Newsroom) -> Ids:
    """The ids `room`'s rows have in this database (0 for a row it no longer has)."""
    quote = A_QUOTE if room is A else B_QUOTE
    with tenant_scope(room.tenant), unit_of_work(engine) as session:
        positions = session.exec(rows_of(Position).order_by(col(Position.id))).all()
        drafts = session.exec(rows_of(Draft).order_by(col(Draft.id))).all()
        quotes = session.exec(rows_of(UncreditedQuote).order_by(col(UncreditedQuote.id))).all()
    live = [p.id for p in positions if quote in p.quotes]
    retracted = [
        p.id
        for p in positions
        if p.status == PositionStatus.RETRACTED
        and p.recorded_by != "seed"
        and "Kursk" in p.quotes[0]
    ]
    candidates = [p.id for p in positions if p.status == PositionStatus.PROPOSED]
    pending = [d.id for d in drafts if d.status == DraftStatus.PENDING]
    return Ids(
        live=live[0] or 0 if live else 0,
        retracted=retracted[0] or 0 if retracted else 0,
        candidate=candidates[0] or 0 if candidates else 0,
        quote=quotes[0].id or 0 if quotes else 0,
        draft=pending[-1] or 0 if pending else 0,
        positions=tuple(p.id for p in positions if p.id is not None),
        drafts=tuple(d.id for d in drafts if d.id is not None),
        quotes=tuple(q.id for q in quotes if q.id is not None),
    )


# -- what a newsroom owns, row by row --------------------------------------------------------


@cache
def _tables(url: str) -> tuple[Table, ...]:
    from store import make_engine

    engine = make_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
    finally:
        engine.dispose()
    return tuple(t for name, t in sorted(metadata.tables.items()) if "tenant_id" in t.c)


def tenant_tables(engine: Engine) -> tuple[Table, ...]:
    """Every table of the migrated database that has a `tenant_id` column."""
    return _tables(engine.url.render_as_string(hide_password=False))


Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(engine: Engine, tenant: str) -> Snapshot:
    """Every row `tenant` owns, table by table (and, on SQLite, its positions' rows in the
    full-text index, which has no tenant column). Read in an every-tenant unit of work."""
    found: Snapshot = {}
    with unit_of_work(engine, every_tenant=True) as session:
        for table in tenant_tables(engine):
            rows = session.execute(select(table).where(table.c.tenant_id == tenant)).all()
            found[table.name] = sorted((tuple(row) for row in rows), key=repr)
        if engine.dialect.name == "sqlite":
            mine = select(col(Position.id)).where(col(Position.tenant_id) == tenant)
            ids = ",".join(str(i) for i in session.execute(mine).scalars()) or "0"
            for index in ("position_search", "position_search_exact"):
                rows = session.execute(
                    text(f"SELECT rowid, * FROM {index} WHERE rowid IN ({ids})")
                ).all()
                found[index] = sorted((tuple(row) for row in rows), key=repr)
    return found


def changed_tables(before: Snapshot, after: Snapshot) -> dict[str, tuple[int, int]]:
    """The tables whose rows differ: (rows before, rows after)."""
    return {
        name: (len(before.get(name, [])), len(after.get(name, [])))
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


# -- what a person sees ------------------------------------------------------------------------


def visible(message: Message) -> str:
    """What the shell shows of a message (its blocks rendered; the text if it has none)."""
    console = Console(file=io.StringIO(), width=240, color_system=None, highlight=False)
    render(message, console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return out if message.blocks else message.text


def everything(message: Message) -> str:
    """All a transport would send: the text and every block, button values included."""
    return message.text + "\n" + json.dumps(message.blocks, ensure_ascii=False)


_POSITION = re.compile(r"#(\d+)")
_DRAFT = re.compile(r"\bD(\d+)\b")


def leaks(said: str, *, others: Iterable[str], other_ids: Ids, typed: str = "") -> list[str]:
    """What of another newsroom `said` shows: its words (but those the person typed, which an
    answer may repeat: "I don't know “potus47”"), its positions' and drafts' ids."""
    folded, asked = said.casefold(), typed.casefold()
    found = [w for w in others if w.casefold() in folded and w.casefold() not in asked]
    typed_numbers = set(re.findall(r"\d+", typed))
    found += [
        f"#{n}"
        for n in _POSITION.findall(said)
        if int(n) in other_ids.positions and n not in typed_numbers
    ]
    found += [
        f"D{n}"
        for n in _DRAFT.findall(said)
        if int(n) in other_ids.drafts and n not in typed_numbers
    ]
    return found


def is_internal_error(message: Message) -> bool:
    return "something went wrong on our side" in message.text


# -- the same answer from two databases --------------------------------------------------------


def canonical(said: str, ids: Ids, *, folder: Path | None = None) -> str:
    """`said` with each of the newsroom's ids written as its rank among its rows (the same
    statement is #12 in one database and #7 in another), this world's folder as <folder>, and
    a header's rule one character long (it fills the width the title leaves)."""
    positions = {n: k for k, n in enumerate(ids.positions, 1)}
    drafts = {n: k for k, n in enumerate(ids.drafts, 1)}
    quotes = {n: k for k, n in enumerate(ids.quotes, 1)}

    def rank(kind: str, found: dict[int, int]) -> Any:
        return lambda m: f"{m[1]}{kind}{found.get(int(m[2]), 'UNKNOWN' + m[2])}"

    if folder is not None:
        said = said.replace(str(folder.resolve()), "<folder>")
    said = _POSITION_SAID.sub(rank("p", positions), said)
    said = _DRAFT_SAID.sub(rank("d", drafts), said)
    said = _QUOTE_SAID.sub(rank("q", quotes), said)
    said = _TEXT_HASH.sub("(text <hash>)", said)  # of a draft's text, whose citations are ids
    return re.sub("─+", "─", said)


_POSITION_SAID = re.compile(r"(#|\b(?:correct|retract|confirm|discard|position) )(\d+)\b")
_DRAFT_SAID = re.compile(r"(\bD|\bdraft )(\d+)\b")
_QUOTE_SAID = re.compile(r"(\b(?:assign|Quote|quote) |^ *(?=\d+\. “))(\d+)\b", re.MULTILINE)
_TEXT_HASH = re.compile(r"\(text [0-9a-f]{12}\)")


def resolve(template: str, ids: Mapping[str, Ids]) -> str:
    """`retract #{a.live}` with this database's ids."""
    return re.sub(
        r"\{(a|b)\.(\w+)\}",
        lambda m: str(MISSING_ID if m[2] == "missing" else ids[m[1]].of(m[2])),
        template,
    )


@contextmanager
def multi_workspace() -> Iterator[None]:
    """The process as `serve` runs it with many workspaces: no default tenant, so any unit of
    work opened outside a newsroom's scope fails (NoTenant) instead of reading one."""
    from store import default_tenant, set_default_tenant

    before = default_tenant()
    set_default_tenant(None)
    try:
        yield
    finally:
        set_default_tenant(before)
