"""The effective settings of a workspace: the environment's, with its own values over them.

Asked for on every request, so it must cost nothing most of the time. Each process keeps, per
engine and tenant, the workspace's stored values and the Settings built from them, and reads
the values again once they are `settings_refresh_seconds` old (5 by default): one small
indexed read per workspace every few seconds, never one per answer (answers have a
round-trip budget). A change made here is seen at once (the writer forgets its copy); one made
on another replica within that many seconds. A version row read on every request would see a
change sooner, but at a round trip per request; the window is short enough for the settings
people change (an approver removed can still decide for up to those seconds on other replicas).
"""

import logging
import threading
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.settings.model import Settings
from store import WorkspaceSetting, current_tenant, read_only_unit

log = logging.getLogger(__name__)

Overrides = tuple[tuple[str, str], ...]  # (Settings field, stored value), by field


@dataclass(frozen=True)
class _Copy:
    read_at: float
    overrides: Overrides
    defaults: Settings | None = None
    built: Settings | None = None


_LOCK = threading.Lock()
_COPIES: "weakref.WeakKeyDictionary[Engine, dict[str, _Copy]]" = weakref.WeakKeyDictionary()


def effective_settings(
    *, engine: Engine, defaults: Settings, tenant: str | None = None
) -> Settings:
    """`defaults` (the environment's) with the tenant's own values applied (the tenant in
    scope unless given)."""
    tenant = tenant or current_tenant()
    with _LOCK:
        copies = _COPIES.setdefault(engine, {})
        copy = copies.get(tenant)
    now = time.monotonic()
    if copy is None or now - copy.read_at >= defaults.settings_refresh_seconds:
        overrides = read_overrides(engine=engine, tenant=tenant)
        kept = copy is not None and copy.overrides == overrides
        copy = _Copy(now, overrides, copy.defaults, copy.built) if kept and copy else None
        copy = copy or _Copy(now, overrides)
    if copy.defaults is not defaults or copy.built is None:
        copy = _Copy(copy.read_at, copy.overrides, defaults, apply_overrides(defaults, copy))
    with _LOCK:
        copies[tenant] = copy
    assert copy.built is not None
    return copy.built


def read_overrides(*, engine: Engine, tenant: str) -> Overrides:
    """The values a tenant stored, field by field."""
    query = (
        select(WorkspaceSetting.key, WorkspaceSetting.value)
        .where(WorkspaceSetting.tenant_id == tenant)
        .order_by(col(WorkspaceSetting.key))
    )
    with read_only_unit(engine) as session:
        return tuple((key, value) for key, value in session.exec(query).all())


def apply_overrides(defaults: Settings, overrides: "_Copy | Mapping[str, str]") -> Settings:
    """`defaults` with `overrides` applied, through Settings' own validators (ValueError when a
    value is refused). A stored value that no longer validates (a hand edit) is skipped and
    logged, so one bad row never stops a workspace's answers."""
    values = dict(overrides.overrides) if isinstance(overrides, _Copy) else dict(overrides)
    base = {name: getattr(defaults, name) for name in type(defaults).model_fields}
    try:
        return type(defaults).model_validate(base | values)
    except ValidationError:
        if not isinstance(overrides, _Copy):
            raise
    good: dict[str, str] = {}
    for field, value in values.items():
        try:
            type(defaults).model_validate(base | good | {field: value})
        except ValidationError:
            log.warning("workspace setting %s ignored: its stored value no longer validates", field)
            continue
        good[field] = value
    return type(defaults).model_validate(base | good)


def forget_overrides(*, engine: Engine, tenant: str) -> None:
    """Drop this process's copy of a tenant's values (it just changed them)."""
    with _LOCK:
        _COPIES.get(engine, {}).pop(tenant, None)
