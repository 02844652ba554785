"""Two newsrooms on one database (SQLite, or PostgreSQL with STANDPOINT_TEST_POSTGRES_URL), and
the same Alpha alone on a second database, built once per run and copied for each test.

Every test here runs as `serve` does with many workspaces: no default tenant (a unit of work
opened outside a newsroom's scope fails), the clock at NOW (so wall-clock times agree between
the two databases).
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine

from store import make_engine, upgrade
from tests.conftest import POSTGRES_URL, _admin, _postgres_database, _with_database
from tests.isolation.newsrooms import (
    NOW,
    SETUP_AT,
    A,
    B,
    Ids,
    World,
    build_world,
    ids_of,
    make_alpha,
    make_bravo,
    make_settings,
    multi_workspace,
    seed,
)


@dataclass(frozen=True)
class Templates:
    """Where the built databases are: a SQLite file or a PostgreSQL template database."""

    both: str  # Alpha and Bravo
    alpha: str  # Alpha alone, with the same history


def _build(url: str, workdir: Path, *, with_bravo: bool) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
        world = build_world(engine, make_settings(url), workdir)
        with multi_workspace(), time_machine.travel(SETUP_AT, tick=False):
            if with_bravo:  # Bravo first: Alpha's names are then checked against Bravo's
                seed(engine, B)
            seed(engine, A)
            if with_bravo:
                make_bravo(world)
            make_alpha(world)
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """The two databases, built once per run (per worker)."""
    folder = tmp_path_factory.mktemp("isolation")
    if not POSTGRES_URL:
        both, alpha = folder / "both.db", folder / "alpha.db"
        _build(f"sqlite:///{both}", folder, with_bravo=True)
        _build(f"sqlite:///{alpha}", folder, with_bravo=False)
        yield Templates(str(both), str(alpha))
        return
    names = Templates(f"standpoint_iso_{os.getpid()}_both", f"standpoint_iso_{os.getpid()}_alpha")
    admin = _admin()
    try:
        for name, bravo in ((names.both, True), (names.alpha, False)):
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
            _build(_with_database(name), folder, with_bravo=bravo)
        yield names
    finally:
        with admin.connect() as conn:
            for name in (names.both, names.alpha):
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def copy_of(template: str, folder: Path) -> Iterator[str]:
    """A private copy of a built database, as a URL."""
    if POSTGRES_URL:
        with _postgres_database(template=template) as url:
            yield url
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "standpoint.db"
    shutil.copyfile(template, path)
    yield f"sqlite:///{path}"


@contextmanager
def opened(url: str, folder: Path) -> Iterator[World]:
    """The desks on one database copy; files it writes go to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        yield build_world(engine, make_settings(url), folder)
    finally:
        engine.dispose()


@dataclass
class Pair:
    """The shared database (`both`) and Alpha alone (`alone`), with each one's ids."""

    both: World
    alone: World

    def ids(self, world: World) -> dict[str, Ids]:
        """Alpha's (`a`) and Bravo's (`b`) ids in `world` (Bravo's: the shared database's)."""
        return {"a": ids_of(world.engine, A), "b": ids_of(self.both.engine, B)}

    @property
    def engine(self) -> Engine:
        return self.both.engine


@contextmanager
def pair_of(templates: Templates, folder: Path) -> Iterator[Pair]:
    """Fresh copies of both databases, opened, in multi-workspace mode at NOW."""
    with (
        copy_of(templates.both, folder / "both") as both_url,
        copy_of(templates.alpha, folder / "alpha") as alpha_url,
        opened(both_url, folder / "both") as both,
        opened(alpha_url, folder / "alpha") as alone,
        multi_workspace(),
        time_machine.travel(NOW, tick=False),
    ):
        yield Pair(both=both, alone=alone)


@pytest.fixture
def pair(templates: Templates, tmp_path: Path) -> Iterator[Pair]:
    """Both databases, fresh for one test."""
    with pair_of(templates, tmp_path) as opened_pair:
        yield opened_pair


@pytest.fixture
def world(templates: Templates, tmp_path: Path) -> Iterator[World]:
    """The shared database alone, fresh for one test."""
    with (
        copy_of(templates.both, tmp_path / "both") as url,
        opened(url, tmp_path / "both") as shared,
        multi_workspace(),
        time_machine.travel(NOW, tick=False),
    ):
        yield shared
