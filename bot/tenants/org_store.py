"""An Enterprise Grid organization's choice: its workspaces share one store (``E…``, a media
group's common tracker) or keep their own (``E…:T…``).

Changing it moves no data. Requests are answered from the store the choice names (every
replica follows within handlers/slack/tenants.ORG_CHOICE_SECONDS), and the jobs run for that
store; the other stores stay as they are, unserved, until the choice goes back or they are
exported and purged. So the change is refused while any of the organization's stores holds
data, unless forced.
"""

from dataclasses import dataclass, field

from sqlalchemy import Engine

from bot.errors import UserError
from store import (
    OrgStore,
    Tenant,
    TenantAction,
    record_tenant_event,
    rows_by_tenant,
    unit_of_work,
    utcnow,
)


class OrgStoreRefused(UserError):
    """The choice cannot change as asked."""


@dataclass(frozen=True)
class OrgStoreChange:
    """What choosing did: whether anything changed, and the stores holding data."""

    enterprise_id: str
    shared: bool
    changed: bool
    holding: dict[str, int] = field(default_factory=dict)  # tenant → rows, of this org


def org_stores_holding(engine: Engine, *, enterprise_id: str) -> dict[str, int]:
    """The organization's stores (its shared one, its workspaces' own) that hold rows."""
    with engine.connect() as conn:
        held = rows_by_tenant(conn)
    mine = {
        t: n for t, n in held.items() if t == enterprise_id or t.startswith(f"{enterprise_id}:")
    }
    return dict(sorted(mine.items()))


def choose_org_store(
    engine: Engine, *, enterprise_id: str, shared: bool, by: str, force: bool = False
) -> OrgStoreChange:
    """Set whether the organization's workspaces share one store. Refused (OrgStoreRefused)
    when the choice would change while any of its stores holds data, unless `force`."""
    enterprise = enterprise_id.strip()
    if not (enterprise.startswith("E") and enterprise[1:].isalnum() and len(enterprise) <= 32):
        raise OrgStoreRefused(
            f"“{enterprise[:40]}” is not an Enterprise Grid organization id.",
            hint="They start with E, like E0123ABCD.",
        )
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(OrgStore, enterprise, with_for_update=True)
        before = bool(row and row.shared)
        if before == shared:  # no row: separate stores, the default
            return OrgStoreChange(enterprise, shared, changed=False)
    holding = org_stores_holding(engine, enterprise_id=enterprise)
    if holding and not force:
        raise OrgStoreRefused(
            f"{enterprise}'s stores already hold data ({_listed(holding)}); a new choice "
            "does not move it.",
            hint="Add --force to change it anyway: the data stays where it is, unserved "
            "until the choice goes back.",
        )
    with unit_of_work(engine, every_tenant=True) as session:
        row = session.get(OrgStore, enterprise, with_for_update=True) or OrgStore(
            enterprise_id=enterprise
        )
        row.shared, row.chosen_by, row.chosen_at = shared, by[:100], utcnow()
        session.add(row)
        if shared and session.get(Tenant, enterprise) is None:
            # The shared store is a newsroom of its own: registered, so its jobs run.
            session.add(Tenant(id=enterprise, enterprise_id=enterprise))
        record_tenant_event(
            session,
            tenant=enterprise,
            action=TenantAction.ORG_STORE_CHANGED,
            by=by,
            detail={
                "shared": shared,
                "was_shared": before,
                "forced": bool(holding),
                "holding": holding,
            },
        )
    return OrgStoreChange(enterprise, shared, changed=True, holding=holding)


def _listed(holding: dict[str, int]) -> str:
    return ", ".join(f"{tenant}: {rows:,} rows" for tenant, rows in holding.items())
