"""Every session reads and writes one tenant's rows: the filter lives here, not in queries.

`unit_of_work` and `read_only_unit` record the tenant in scope in `Session.info`; these
session events then add ``tenant_id = <tenant>`` to every ORM statement on a TenantOwned
table (joins, subqueries, CTEs and aliases included — SQLAlchemy's `with_loader_criteria`),
and refuse to write a row stamped with another tenant. A session opened with
`every_tenant=True` (the purge job, tenant administration, deployment metrics) applies no
filter; it is the only way to get a session without one.
"""

import threading
import weakref
from typing import Any

from sqlalchemy import String, bindparam, column, event
from sqlalchemy.orm import ORMExecuteState, with_loader_criteria
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from store.tenancy import TENANT_ID_LENGTH, TenantOwned, current_tenant

TENANT = "standpoint.tenant"  # in Session.info: the tenant this unit of work belongs to
EVERY_TENANT = "standpoint.every_tenant"  # in Session.info: administration, no filter


class CrossTenantWrite(RuntimeError):
    """Code tried to write a row of another tenant than the unit of work's."""


_MIXIN_COLUMN = column("tenant_id", String(TENANT_ID_LENGTH))


def tenant_column(owned: Any) -> Any:
    """`tenant_id` of a mapped table; SQLAlchemy first builds the filter on the mixin itself,
    which pydantic leaves without class attributes, so it gets a plain column of that name."""
    try:
        return owned.tenant_id
    except AttributeError:
        return _MIXIN_COLUMN


def session_tenant(session: OrmSession) -> str | None:
    """The tenant a session is scoped to (None: an every-tenant administration session).

    A session opened without unit_of_work (a bare ``Session(engine)``) is scoped too, to the
    tenant in scope when it first runs a statement: there is no unscoped session by accident.
    """
    if session.info.get(EVERY_TENANT):
        return None
    tenant = session.info.get(TENANT)
    if not isinstance(tenant, str):
        tenant = session.info[TENANT] = current_tenant()
    return tenant


@event.listens_for(Session, "do_orm_execute")
def _scope_statement(state: ORMExecuteState) -> None:
    tenant = session_tenant(state.session)
    if tenant is None:
        return
    if state.is_insert or state.is_update:
        _check_written(state, tenant)
    if state.is_insert:
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = _scoped(state.statement)
        state.parameters = _with_tenant(state.parameters, tenant)


# One option object for every statement, its tenant a bound parameter filled per execution:
# a closure over the tenant would cost SQLAlchemy a lambda analysis per statement (measured:
# 0.2 ms on a one-row select, 3× the statement's own time).
_TENANT_FILTER = with_loader_criteria(
    TenantOwned,
    lambda cls: tenant_column(cls) == bindparam("scope_tenant"),
    include_aliases=True,
)


_SCOPED: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()
_SCOPED_LOCK = threading.Lock()


def _scoped(statement: Any) -> Any:
    """The statement with the tenant filter, the same object each time for a statement that is
    built once and reused: SQLAlchemy memoizes a statement's cache key on the object, and a new
    copy per execution would cost a fresh key (1 ms for an answer's one statement)."""
    scoped = _SCOPED.get(statement)
    if scoped is None:
        scoped = statement.options(_TENANT_FILTER)
        with _SCOPED_LOCK:
            _SCOPED[statement] = scoped
    return scoped


def _with_tenant(params: Any, tenant: str) -> Any:
    if isinstance(params, list):
        return [{**row, "scope_tenant": tenant} for row in params]
    return {**(params or {}), "scope_tenant": tenant}


def _check_written(state: ORMExecuteState, tenant: str) -> None:
    """An INSERT or UPDATE writes only its own tenant's id: in the rows passed as parameters
    and in the statement's own VALUES or SET (`insert(T).values(tenant_id=…)`)."""
    params = state.parameters
    rows = params if isinstance(params, list) else [params] if params else []
    stamped = [row.get("tenant_id", tenant) if isinstance(row, dict) else tenant for row in rows]
    for row in _carried(state.statement):
        for key, value in row.items():
            if getattr(key, "key", key) == "tenant_id":
                stamped.append(getattr(value, "value", value))
    for other in stamped:
        if other != tenant:
            raise CrossTenantWrite(f"a row of tenant {other!r} written as {tenant!r}")


def _carried(statement: Any) -> list[dict[Any, Any]]:
    """The rows a DML statement carries itself: SQLAlchemy keeps its VALUES or SET in `_values`
    and a multi-row VALUES in `_multi_values` (rows of column → value)."""
    rows: list[dict[Any, Any]] = []
    if getattr(statement, "_values", None):
        rows.append(dict(statement._values))
    for group in getattr(statement, "_multi_values", None) or ():
        for row in group:
            positional = not isinstance(row, dict)
            rows.append(dict(zip(statement.table.c, row, strict=False)) if positional else row)
    return rows


@event.listens_for(Session, "before_flush")
def _check_rows(session: Session, _context: Any, _instances: Any) -> None:
    tenant = session_tenant(session)
    if tenant is None:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, TenantOwned) and obj.tenant_id != tenant:
            raise CrossTenantWrite(
                f"{type(obj).__name__} of tenant {obj.tenant_id!r} written as {tenant!r}"
            )
