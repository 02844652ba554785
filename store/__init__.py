"""Persistence: SQLModel tables, the engine and sessions, Alembic migrations.

Imports nothing else of the project; `bot` and `handlers` import from here.
"""

from store.alert_tables import LOCAL_TEAM, Alert, Follow, QuietHours
from store.backup import backup_sqlite, checkpoint, sqlite_file
from store.catalogue_version import CatalogueVersion, catalogue_token
from store.draft_content import DraftContent, remember, show_content
from store.engine import READ_ONLY, make_engine, read_only_unit, unit_of_work, utcnow
from store.guards import AppendOnlyViolation
from store.ingest_tables import CandidateProblem, UncreditedQuote
from store.kinds import ActorKind, DraftKind, DraftStatus, PositionStatus, Stance
from store.migrate import SchemaNotCurrent, current_revision, ensure_schema, head_revision, upgrade
from store.scoping import TENANT, CrossTenantWrite, session_tenant
from store.tables import (
    Actor,
    ActorAlias,
    ActorTopic,
    AuditEvent,
    DigestRun,
    DigestSchedule,
    Draft,
    Position,
    PositionRetraction,
    Source,
    Topic,
    TopicAlias,
)
from store.tenancy import (
    LOCAL_TENANT,
    NoTenant,
    TenantOwned,
    current_tenant,
    default_tenant,
    scoped_tenant,
    set_default_tenant,
    tenant_key,
    tenant_scope,
)
from store.tenant_registry import (
    OrgStore,
    Tenant,
    org_shares_store,
    register_tenant,
    tenants_to_serve,
)

__all__ = [
    "LOCAL_TEAM",
    "LOCAL_TENANT",
    "READ_ONLY",
    "TENANT",
    "Actor",
    "ActorAlias",
    "ActorKind",
    "ActorTopic",
    "Alert",
    "AppendOnlyViolation",
    "AuditEvent",
    "CandidateProblem",
    "CatalogueVersion",
    "CrossTenantWrite",
    "DigestRun",
    "DigestSchedule",
    "Draft",
    "DraftContent",
    "DraftKind",
    "DraftStatus",
    "Follow",
    "NoTenant",
    "OrgStore",
    "Position",
    "PositionRetraction",
    "PositionStatus",
    "QuietHours",
    "SchemaNotCurrent",
    "Source",
    "Stance",
    "Tenant",
    "TenantOwned",
    "Topic",
    "TopicAlias",
    "UncreditedQuote",
    "backup_sqlite",
    "catalogue_token",
    "checkpoint",
    "current_revision",
    "current_tenant",
    "default_tenant",
    "ensure_schema",
    "head_revision",
    "make_engine",
    "org_shares_store",
    "read_only_unit",
    "register_tenant",
    "remember",
    "scoped_tenant",
    "session_tenant",
    "set_default_tenant",
    "show_content",
    "sqlite_file",
    "tenant_key",
    "tenant_scope",
    "tenants_to_serve",
    "unit_of_work",
    "upgrade",
    "utcnow",
]
