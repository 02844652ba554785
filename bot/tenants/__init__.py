"""Tenants: newsrooms arriving and leaving, retention and purge, export, the Grid store choice."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.tenants.archive import ArchiveSummary, record_export, write_archive
    from bot.tenants.directory import (
        TenantInfo,
        UnknownTenant,
        find_tenant,
        list_tenants,
        org_choices,
    )
    from bot.tenants.leaving import Left, due_for_purge, mark_left, purge_due, record_install
    from bot.tenants.org_store import OrgStoreChange, OrgStoreRefused, choose_org_store
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "ArchiveSummary",
    "Left",
    "OrgStoreChange",
    "OrgStoreRefused",
    "TenantInfo",
    "UnknownTenant",
    "choose_org_store",
    "due_for_purge",
    "find_tenant",
    "list_tenants",
    "mark_left",
    "org_choices",
    "purge_due",
    "record_export",
    "record_install",
    "write_archive",
]
