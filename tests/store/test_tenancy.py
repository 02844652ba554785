"""The tenant filter is structural: every session is scoped, and writes across tenants fail."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, insert, update
from sqlmodel import Session, select

from store import (
    LOCAL_TENANT,
    Actor,
    ActorAlias,
    ActorKind,
    CrossTenantWrite,
    NoTenant,
    Tenant,
    current_tenant,
    register_tenant,
    tenant_key,
    tenant_scope,
    tenants_to_serve,
    unit_of_work,
)


def _actor(engine: Engine, tenant: str, name: str) -> int:
    with tenant_scope(tenant), unit_of_work(engine) as session:
        actor = Actor(name=name, kind=ActorKind.PERSON)
        session.add(actor)
        session.flush()
        assert actor.id is not None
        return actor.id


def test_two_newsrooms_may_track_the_same_name_and_see_only_their_own(engine: Engine) -> None:
    a = _actor(engine, "TA", "Zelda Quorum")
    b = _actor(engine, "TB", "Zelda Quorum")
    with tenant_scope("TA"), unit_of_work(engine) as session:
        assert session.exec(select(Actor.id).where(Actor.name == "Zelda Quorum")).all() == [a]
        assert session.get(Actor, b) is None  # an id of another newsroom is nobody here
    with tenant_scope("TB"), Session(engine) as session:  # a bare session is scoped as well
        assert session.exec(select(Actor.id).where(Actor.name == "Zelda Quorum")).all() == [b]


def test_bulk_updates_and_deletes_touch_only_the_scope(engine: Engine) -> None:
    a = _actor(engine, "TA", "Olek Brand")
    b = _actor(engine, "TB", "Olek Brand")
    with tenant_scope("TA"), unit_of_work(engine) as session:
        session.execute(update(Actor).values(description="changed in A"))
        session.execute(delete(ActorAlias))
    with unit_of_work(engine, every_tenant=True) as session:
        described = dict(session.exec(select(Actor.id, Actor.description)).all())
    assert described[a] == "changed in A"
    assert described[b] == ""


def test_a_row_of_another_tenant_cannot_be_written(engine: Engine) -> None:
    b = _actor(engine, "TB", "Mira Stone")
    with tenant_scope("TB"), unit_of_work(engine) as session:
        loaded = session.get(Actor, b)
    assert loaded is not None
    with pytest.raises(CrossTenantWrite), tenant_scope("TA"), unit_of_work(engine) as session:
        loaded.description = "written from A"
        session.add(loaded)
    with pytest.raises(CrossTenantWrite), tenant_scope("TA"), unit_of_work(engine) as session:
        session.execute(
            insert(ActorAlias),
            [{"tenant_id": "TB", "actor_id": b, "alias": "m", "normalized": "m"}],
        )
    with tenant_scope("TB"), unit_of_work(engine) as session:
        assert session.get(Actor, b).description == ""  # type: ignore[union-attr]
        assert session.exec(select(ActorAlias)).all() == []


def test_a_core_bulk_insert_is_stamped_with_the_scope(engine: Engine) -> None:
    a = _actor(engine, "TA", "Ines Vale")
    with tenant_scope("TA"), unit_of_work(engine) as session:
        session.execute(insert(ActorAlias), [{"actor_id": a, "alias": "iv", "normalized": "iv"}])
    with unit_of_work(engine, every_tenant=True) as session:
        stamped = select(ActorAlias.tenant_id).where(ActorAlias.actor_id == a)
        assert session.exec(stamped).all() == ["TA"]


@pytest.mark.usefixtures("multi_workspace")
def test_outside_any_scope_multi_workspace_mode_reads_nothing(engine: Engine) -> None:
    with pytest.raises(NoTenant):
        current_tenant()
    with pytest.raises(NoTenant), unit_of_work(engine):
        pass
    with pytest.raises(NoTenant), Session(engine) as session:
        session.exec(select(Actor)).all()
    with pytest.raises(NoTenant):
        Actor(name="Nobody's", kind=ActorKind.PERSON)


@pytest.mark.usefixtures("multi_workspace")
def test_jobs_serve_every_installed_newsroom_that_has_not_left(engine: Engine) -> None:
    register_tenant(engine, tenant="T1", team_id="T1", enterprise_id="", name="One")
    register_tenant(engine, tenant="E9", team_id="", enterprise_id="E9", name="Group")
    with unit_of_work(engine, every_tenant=True) as session:
        gone = Tenant(id="T2", team_id="T2", name="Left")
        gone.left_at = gone.installed_at
        session.add(gone)
    assert tenants_to_serve(engine) == ["E9", "T1"]


def test_single_workspace_mode_serves_its_own_tenant_only(engine: Engine) -> None:
    register_tenant(engine, tenant="T1", team_id="T1", enterprise_id="", name="One")
    assert tenants_to_serve(engine) == [LOCAL_TENANT]


ids = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=11)


@given(team=ids, enterprise=ids)
@settings(max_examples=200)
def test_tenant_keys_never_collide_across_kinds(team: str, enterprise: str) -> None:
    workspace = tenant_key(team_id="T" + team)
    grid_own = tenant_key(team_id="T" + team, enterprise_id="E" + enterprise)
    grid_shared = tenant_key(team_id="T" + team, enterprise_id="E" + enterprise, org_store=True)
    assert len({workspace, grid_own, grid_shared}) == 3
    assert grid_shared == tenant_key(team_id=None, enterprise_id="E" + enterprise)
    with pytest.raises(NoTenant):
        tenant_key(team_id=" ", enterprise_id=None)
