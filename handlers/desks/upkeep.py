"""What the desk's upkeep commands share: one database, its settings, and who approves."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from bot.dates import parse_as_of
from bot.settings import Settings


class UpkeepDesk:
    """Base of the corrections, catalog, search and export desks."""

    def __init__(
        self, *, engine: Engine, settings: Settings, is_approver: Callable[[str], bool]
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.is_approver = is_approver


def desk_as_of(settings: Settings, text: str | None, *, now: datetime) -> datetime | None:
    """`as of <text>` read in the desk's zone and date order; None when no date was given."""
    if not text:
        return None
    return parse_as_of(text, zone=settings.zone, now=now, date_order=settings.date_order)
