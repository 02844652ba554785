"""Whose data a unit of work may see: the tenant, set in one place and applied to every query.

A tenant is one newsroom's store. Its id says which Slack workspace (or Enterprise Grid
organization) it belongs to:

- ``local`` — the single-workspace mode (the token in the environment, the terminal shell);
- ``T…`` — a workspace installed by OAuth;
- ``E…:T…`` — a workspace of an Enterprise Grid organization that keeps its own store;
- ``E…`` — an Enterprise Grid organization whose workspaces share one store.

Every table that belongs to a newsroom has a ``tenant_id`` column. `tenant_scope` sets the
tenant for the code it wraps (request, job, command); every session opened inside it reads and
writes only that tenant's rows (see store.scoping). Outside any scope the process default
applies: ``local`` in single-workspace mode, and *nothing* (a unit of work refuses to start)
in multi-workspace mode, so a forgotten scope fails instead of reading someone else's data.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

LOCAL_TENANT = "local"
TENANT_ID_LENGTH = 64


class NoTenant(RuntimeError):
    """A unit of work started outside any tenant's scope in multi-workspace mode."""


_current: ContextVar[str | None] = ContextVar("standpoint_tenant", default=None)
_default: list[str | None] = [LOCAL_TENANT]


def tenant_key(
    *, team_id: str | None, enterprise_id: str | None = None, org_store: bool = False
) -> str:
    """The tenant of a Slack workspace (or of its organization's shared store)."""
    enterprise = (enterprise_id or "").strip()
    team = (team_id or "").strip()
    if enterprise and (org_store or not team):
        return enterprise
    if enterprise:
        return f"{enterprise}:{team}"
    if not team:
        raise NoTenant("a Slack request without a team id belongs to no newsroom")
    return team


def current_tenant() -> str:
    """The tenant of the code running now (its scope, else the process default)."""
    tenant = _current.get() or _default[0]
    if tenant is None:
        raise NoTenant("no newsroom is in scope: open one with tenant_scope()")
    return tenant


def scoped_tenant() -> str | None:
    """The tenant set by an enclosing tenant_scope, or None."""
    return _current.get()


@contextmanager
def tenant_scope(tenant: str) -> Iterator[str]:
    """Run the wrapped code as `tenant`; the previous scope is restored after."""
    if not tenant or len(tenant) > TENANT_ID_LENGTH:
        raise NoTenant(f"not a tenant id: {tenant!r}")
    token = _current.set(tenant)
    try:
        yield tenant
    finally:
        _current.reset(token)


def default_tenant() -> str | None:
    """The tenant outside any scope (None in multi-workspace mode)."""
    return _default[0]


def enter_tenant(tenant: str) -> None:
    """Make `tenant` the scope of the rest of the current context (a request's middleware:
    the server runs each request in its own copy of the context, and Bolt runs listeners after
    the middleware returned, in threads that copy it)."""
    if not tenant or len(tenant) > TENANT_ID_LENGTH:
        raise NoTenant(f"not a tenant id: {tenant!r}")
    _current.set(tenant)


def set_default_tenant(tenant: str | None) -> None:
    """The tenant outside any scope: LOCAL_TENANT (single workspace) or None (multi-workspace:
    every unit of work must be opened inside a tenant_scope)."""
    _default[0] = tenant


def _tenant_default() -> str:
    return current_tenant()


class TenantOwned(SQLModel):
    """A newsroom's row: `tenant_id` is filled from the scope it is written in, and sessions
    read and write only their own tenant's rows (store.scoping)."""

    # A Python-side column default too, so a multi-row Core INSERT is stamped as well.
    tenant_id: str = Field(
        default_factory=_tenant_default,
        max_length=TENANT_ID_LENGTH,
        sa_column_kwargs={"default": _tenant_default},
    )


def tenant_unique(table: str, *columns: str) -> UniqueConstraint:
    """A unique constraint within one tenant: two newsrooms may both track "Putin"."""
    return UniqueConstraint("tenant_id", *columns, name=f"uq_{table}_tenant_{columns[0]}")
