"""Follows and shift alerts: who follows what, quiet hours, alerts queued and sent once."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.alerts.delivery import (
        Waiting,
        claim,
        expire_stale,
        finish,
        held_during,
        live_views,
        quiet_window,
        release,
        waiting,
    )
    from bot.alerts.follows import (
        Follower,
        FollowView,
        add_follow,
        follower_of,
        follows_of,
        move_follows,
        remove_follows,
        resolve_followed,
    )
    from bot.alerts.home import HomeFollow, drafts_waiting_for, follows_for
    from bot.alerts.queue import queue_alerts
    from bot.alerts.quiet_hours import (
        QuietWindow,
        default_window,
        describe,
        is_quiet,
        parse_quiet_window,
    )
    from bot.alerts.recent import SentAlert, recent_alerts
    from bot.alerts.withdrawals import notice_views, queue_withdrawal_notices
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "FollowView",
    "Follower",
    "HomeFollow",
    "QuietWindow",
    "SentAlert",
    "Waiting",
    "add_follow",
    "claim",
    "default_window",
    "describe",
    "drafts_waiting_for",
    "expire_stale",
    "finish",
    "follower_of",
    "follows_for",
    "follows_of",
    "held_during",
    "is_quiet",
    "live_views",
    "move_follows",
    "notice_views",
    "parse_quiet_window",
    "queue_alerts",
    "queue_withdrawal_notices",
    "quiet_window",
    "recent_alerts",
    "release",
    "remove_follows",
    "resolve_followed",
    "waiting",
]
