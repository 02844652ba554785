"""LLM spend: each workspace's daily budget, each person's rate, and summaries being written."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.spending.budget import BudgetUsedUp, RateReached, Spend
    from bot.spending.usage import Usage, usage_today
    from bot.spending.writing import Writing, finish_writing, start_writing
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "BudgetUsedUp",
    "RateReached",
    "Spend",
    "Usage",
    "Writing",
    "finish_writing",
    "start_writing",
    "usage_today",
]
