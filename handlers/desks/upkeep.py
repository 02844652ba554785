"""What the desks share: one database, the workspace's settings, and who approves."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from bot.dates import parse_as_of
from bot.settings import Settings, effective_settings


class WorkspaceDesk:
    """A desk whose settings are those of the workspace it serves at the moment."""

    engine: Engine
    defaults: Settings  # the environment's: every workspace's defaults

    @property
    def settings(self) -> Settings:
        """The running workspace's settings: the environment's, with its own values over them
        (`/stance settings`). Read per use, so a change applies to the next answer."""
        return effective_settings(engine=self.engine, defaults=self.defaults)


class UpkeepDesk(WorkspaceDesk):
    """Base of the corrections, catalog, search and export desks."""

    def __init__(
        self, *, engine: Engine, settings: Settings, is_approver: Callable[[str], bool]
    ) -> None:
        self.engine = engine
        self.defaults = settings
        self.is_approver = is_approver


def desk_as_of(settings: Settings, text: str | None, *, now: datetime) -> datetime | None:
    """`as of <text>` read in the desk's zone and date order; None when no date was given."""
    if not text:
        return None
    return parse_as_of(text, zone=settings.zone, now=now, date_order=settings.date_order)
