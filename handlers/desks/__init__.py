"""The desks: what each command does, the same for Slack, the shell and the command line."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.desks.alerts import AlertDesk, AlertRateLimited, AlertRefused, AlertUnconfirmed
    from handlers.desks.assembly import assemble
    from handlers.desks.charts import ChartFile, nothing_to_chart
    from handlers.desks.commands import Dispatcher
    from handlers.desks.digests.desk import DigestDesk, instance_name
    from handlers.desks.draft_limits import model_for
    from handlers.desks.drafts import CardPoster, DraftDesk, make_llm
    from handlers.desks.exports import nothing_to_export
    from handlers.desks.queries import recorded_answer
    from handlers.desks.settings import SettingsDesk, terminal_rights, workspace_settings
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "AlertDesk",
    "AlertRateLimited",
    "AlertRefused",
    "AlertUnconfirmed",
    "CardPoster",
    "ChartFile",
    "DigestDesk",
    "Dispatcher",
    "DraftDesk",
    "SettingsDesk",
    "assemble",
    "instance_name",
    "make_llm",
    "model_for",
    "nothing_to_chart",
    "nothing_to_export",
    "recorded_answer",
    "terminal_rights",
    "workspace_settings",
]
