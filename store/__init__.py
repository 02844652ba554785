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
from store.purge import PurgeReport, ids_of, purge_tenant
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
    enter_tenant,
    scoped_tenant,
    set_default_tenant,
    tenant_key,
    tenant_scope,
)
from store.tenant_events import TenantAction, TenantEvent, record_tenant_event
from store.tenant_registry import (
    OrgStore,
    Tenant,
    ensure_tenant,
    org_shares_store,
    register_tenant,
    tenants_to_serve,
)
from store.tenant_tables import count_tenant_rows, rows_by_tenant, tenant_tables
from store.workspace_tables import DraftWriting, LLMCall, LLMUsage, WorkspaceSetting

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
    "DraftWriting",
    "Follow",
    "LLMCall",
    "LLMUsage",
    "NoTenant",
    "OrgStore",
    "Position",
    "PositionRetraction",
    "PositionStatus",
    "PurgeReport",
    "QuietHours",
    "SchemaNotCurrent",
    "Source",
    "Stance",
    "Tenant",
    "TenantAction",
    "TenantEvent",
    "TenantOwned",
    "Topic",
    "TopicAlias",
    "UncreditedQuote",
    "WorkspaceSetting",
    "backup_sqlite",
    "catalogue_token",
    "checkpoint",
    "count_tenant_rows",
    "current_revision",
    "current_tenant",
    "default_tenant",
    "ensure_schema",
    "ensure_tenant",
    "enter_tenant",
    "head_revision",
    "ids_of",
    "make_engine",
    "org_shares_store",
    "purge_tenant",
    "read_only_unit",
    "record_tenant_event",
    "register_tenant",
    "remember",
    "rows_by_tenant",
    "scoped_tenant",
    "session_tenant",
    "set_default_tenant",
    "show_content",
    "sqlite_file",
    "tenant_key",
    "tenant_scope",
    "tenant_tables",
    "tenants_to_serve",
    "unit_of_work",
    "upgrade",
    "utcnow",
]
