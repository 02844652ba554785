"""What Standpoint does when a workspace arrives or leaves: the tenant registry and its audit."""

import logging

from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine

from bot.settings import Settings
from bot.tenants import mark_left, record_install
from store import org_shares_store, tenant_key

log = logging.getLogger(__name__)


def installed_tenant(installation: Installation, *, engine: Engine) -> str:
    """The tenant an installation serves: an org-wide install, or a workspace of an
    organization whose workspaces share one store, is the organization's."""
    org_wide = bool(installation.is_enterprise_install)
    enterprise = installation.enterprise_id or ""
    return tenant_key(
        team_id=None if org_wide else installation.team_id,
        enterprise_id=enterprise,
        org_store=org_wide or (bool(enterprise) and org_shares_store(engine, enterprise)),
    )


def on_installed(installation: Installation, *, engine: Engine, tenant: str) -> None:
    """A workspace (or, org-wide, an Enterprise Grid organization) installed Standpoint as
    `tenant` (installed_tenant): it is registered (a reinstall cancels a pending purge) and
    the event is audited.

    Called after the installation is saved; an exception shows the installer a "could not be
    saved, try again" page. Logs ids only, never a token.
    """
    name = installation.team_name or installation.enterprise_name or ""
    new = record_install(
        engine,
        tenant=tenant,
        team_id=installation.team_id or "",
        enterprise_id=installation.enterprise_id or "",
        name=name,
        by=installation.user_id or "slack",
    )
    log.info(
        "%s: tenant=%s org_wide=%s app=%s",
        "installed" if new else "reinstalled",
        tenant,
        bool(installation.is_enterprise_install),
        installation.app_id,
    )


def on_left(tenant: str, *, engine: Engine, settings: Settings, reason: str) -> None:
    """A tenant left: the app was uninstalled or its bot token revoked; its tokens are
    already deleted. Its data is kept for the retention period, then purged by a job.
    For an org-wide install `tenant` is the organization (``E…``)."""
    left = mark_left(
        engine, tenant=tenant, reason=reason, by="slack", retention_days=settings.retention_days
    )
    log.info("left: tenant=%s purge_after=%s", tenant, left.purge_after)
