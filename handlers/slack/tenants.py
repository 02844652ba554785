"""Each Slack request runs as the newsroom it came from: the one place a request's tenant is set.

In single-workspace mode every request belongs to the process's own tenant (``local``) and
nothing changes. In multi-workspace mode the tenant comes from the request's team and
enterprise ids (store.tenancy.tenant_key), with an Enterprise Grid organization's choice of one
shared store. The server runs each request in its own copy of the context
(handlers.serving.server), the middleware sets the tenant in it, and Bolt's listener pool and
our workers copy it into their threads: everything the listener does reads and writes that
tenant's rows only.
"""

import logging
import threading
import time
from collections.abc import Callable

from slack_bolt import App, BoltContext
from slack_bolt.response import BoltResponse
from sqlalchemy import Engine

from store import NoTenant, ensure_tenant, enter_tenant, org_shares_store, tenant_key

log = logging.getLogger(__name__)

# How long an organization's store choice is remembered (changing it is an operator's act,
# `standpoint tenant org-store`; every replica sees it within this time).
ORG_CHOICE_SECONDS = 30.0


class OrgChoices:
    """Each Enterprise Grid organization's store choice, read from the database and kept
    briefly (one read per organization per ORG_CHOICE_SECONDS, not one per request)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._known: dict[str, tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def shared(self, enterprise_id: str) -> bool:
        """Whether the organization's workspaces share one store."""
        now = time.monotonic()
        with self._lock:
            known = self._known.get(enterprise_id)
        if known is not None and now - known[1] < ORG_CHOICE_SECONDS:
            return known[0]
        shared = org_shares_store(self.engine, enterprise_id)
        with self._lock:
            self._known[enterprise_id] = (shared, now)
        return shared


def request_tenant(context: BoltContext, *, choices: OrgChoices) -> str:
    """The tenant a request belongs to (NoTenant when it names no workspace)."""
    enterprise = context.enterprise_id or ""
    return tenant_key(
        team_id=context.team_id,
        enterprise_id=enterprise,
        org_store=bool(enterprise) and choices.shared(enterprise),
    )


def register(app: App, *, engine: Engine, multi_workspace: bool) -> None:
    """Open the request's tenant scope around everything after this middleware."""
    if not multi_workspace:
        return  # single workspace: every request is the process's own tenant
    choices = OrgChoices(engine)
    known: set[str] = set()

    @app.middleware
    def tenant_of_request(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        try:
            tenant = request_tenant(context, choices=choices)
        except NoTenant:
            log.warning("a request without a workspace was ignored")
            return BoltResponse(status=200, body="")
        if tenant not in known:  # once per tenant per process: jobs will serve it too
            ensure_tenant(
                engine,
                tenant=tenant,
                team_id=context.team_id or "",
                enterprise_id=context.enterprise_id or "",
            )
            known.add(tenant)
        context["tenant"] = tenant
        # Not a `with` block: Bolt runs the listener after this returns (see enter_tenant).
        enter_tenant(tenant)
        return next()
