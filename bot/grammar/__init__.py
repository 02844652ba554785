"""The command grammar: what `/stance …` text means, as one Command."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.grammar.commands import (
        ActorQuery,
        AddForm,
        AddStatement,
        AliasChange,
        Assign,
        Audit,
        ChartRequest,
        Command,
        Correct,
        Decide,
        DigestCommand,
        EditDraft,
        Export,
        FollowChange,
        Following,
        Help,
        HistoryQuery,
        Ingest,
        ListNames,
        Merge,
        NotYetAvailable,
        PairQuery,
        Pending,
        QuietCommand,
        Retract,
        RetryDraft,
        Review,
        Search,
        Summarize,
        TopicQuery,
    )
    from bot.grammar.conditions import conditions_field, parse_conditions, stated_conditions
    from bot.grammar.parse import DIGEST_ACTIONS, LATER_COMMANDS, parse_command
    from bot.grammar.statements import (
        ADD_EXAMPLE,
        MAX_INGEST_CHARS,
        MAX_QUOTE_CHARS,
        check_url,
        parse_quick_add,
    )
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "ADD_EXAMPLE",
    "DIGEST_ACTIONS",
    "LATER_COMMANDS",
    "MAX_INGEST_CHARS",
    "MAX_QUOTE_CHARS",
    "ActorQuery",
    "AddForm",
    "AddStatement",
    "AliasChange",
    "Assign",
    "Audit",
    "ChartRequest",
    "Command",
    "Correct",
    "Decide",
    "DigestCommand",
    "EditDraft",
    "Export",
    "FollowChange",
    "Following",
    "Help",
    "HistoryQuery",
    "Ingest",
    "ListNames",
    "Merge",
    "NotYetAvailable",
    "PairQuery",
    "Pending",
    "QuietCommand",
    "Retract",
    "RetryDraft",
    "Review",
    "Search",
    "Summarize",
    "TopicQuery",
    "check_url",
    "conditions_field",
    "parse_command",
    "parse_conditions",
    "parse_quick_add",
    "stated_conditions",
]
