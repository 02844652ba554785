"""An Enterprise Grid organization's store choice: refused while its stores hold data (unless
forced), never moving data, and followed by the jobs."""

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.tenants import OrgStoreRefused, choose_org_store
from store import (
    OrgStore,
    Tenant,
    TenantEvent,
    org_shares_store,
    register_tenant,
    tenants_to_serve,
    unit_of_work,
)
from tests.store.tenant_rows import fill_newsroom, held


def org_events(engine: Engine, enterprise: str) -> list[TenantEvent]:
    """The organization's org_store_changed events."""
    with unit_of_work(engine, every_tenant=True) as session:
        query = select(TenantEvent).where(col(TenantEvent.tenant) == enterprise)
        return list(session.exec(query.order_by(col(TenantEvent.id))).all())


@pytest.mark.usefixtures("multi_workspace")
def test_an_organization_without_data_may_choose_either(engine: Engine) -> None:
    change = choose_org_store(engine, enterprise_id="E1", shared=True, by="ops")
    assert change.changed
    assert change.holding == {}
    assert org_shares_store(engine, "E1")
    assert "E1" in tenants_to_serve(engine)  # the shared store is registered, so jobs run
    same = choose_org_store(engine, enterprise_id="E1", shared=True, by="ops")
    assert not same.changed
    (event,) = org_events(engine, "E1")
    assert event.action == "org_store_changed"
    assert event.detail == {"shared": True, "was_shared": False, "forced": False, "holding": {}}


@pytest.mark.usefixtures("multi_workspace")
def test_a_choice_is_refused_while_the_stores_hold_data_unless_forced(engine: Engine) -> None:
    fill_newsroom(engine, "E1:T3", word="quokkafrost")
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(Tenant, "E1:T3")
        assert row is not None
        row.team_id, row.enterprise_id = "T3", "E1"
    before = held(engine, "E1:T3")
    assert "E1:T3" in tenants_to_serve(engine)

    with pytest.raises(OrgStoreRefused) as refused:
        choose_org_store(engine, enterprise_id="E1", shared=True, by="ops")
    assert "E1:T3: " in refused.value.message
    assert "does not move it" in refused.value.message
    assert not org_shares_store(engine, "E1")
    assert org_events(engine, "E1") == []

    change = choose_org_store(engine, enterprise_id="E1", shared=True, by="ops", force=True)
    assert change.changed
    assert change.holding == {"E1:T3": sum(before.values())}
    assert held(engine, "E1:T3") == before  # not moved
    assert sum(held(engine, "E1").values()) == 0
    # The organization is served from its shared store now; its workspace's own is kept.
    serving = tenants_to_serve(engine)
    assert "E1" in serving
    assert "E1:T3" not in serving
    choose_org_store(engine, enterprise_id="E1", shared=False, by="ops", force=True)
    serving = tenants_to_serve(engine)
    assert "E1:T3" in serving
    assert "E1" not in serving
    assert [e.detail["forced"] for e in org_events(engine, "E1")] == [True, True]


def test_an_unknown_shape_of_id_is_refused(engine: Engine) -> None:
    for bad in ("T123", "E1:T3", "", "E-1"):
        with pytest.raises(OrgStoreRefused, match="not an Enterprise Grid organization id"):
            choose_org_store(engine, enterprise_id=bad, shared=True, by="ops")
    with unit_of_work(engine, every_tenant=True) as session:
        assert session.exec(select(OrgStore)).all() == []


@pytest.mark.usefixtures("multi_workspace")
def test_workspaces_without_a_choice_are_served_as_registered(engine: Engine) -> None:
    register_tenant(engine, tenant="E2:T5", team_id="T5", enterprise_id="E2", name="Five")
    register_tenant(engine, tenant="E2", team_id="", enterprise_id="E2", name="Group")
    assert tenants_to_serve(engine) == ["E2", "E2:T5"]
