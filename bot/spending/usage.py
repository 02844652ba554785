"""What a workspace has spent on the model today, for the settings it can see."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import col, select

from store import LLMUsage, current_tenant, read_only_unit


@dataclass(frozen=True)
class Usage:
    """Model calls made (or in flight) and tokens used on one local day."""

    calls: int = 0
    tokens: int = 0


def usage_today(*, engine: Engine, zone: ZoneInfo, now: datetime) -> Usage:
    """The tenant's calls and tokens so far today, in its own time zone."""
    day = now.astimezone(zone).date()
    query = select(col(LLMUsage.calls), col(LLMUsage.tokens)).where(
        col(LLMUsage.tenant_id) == current_tenant(), col(LLMUsage.day) == day
    )
    with read_only_unit(engine) as session:
        row = session.exec(query).first()
    return Usage() if row is None else Usage(calls=row[0], tokens=row[1])
