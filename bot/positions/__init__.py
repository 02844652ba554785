"""The position record: recording, corrections, audit, what changed, and the answers' views."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.positions.audit import position_trail
    from bot.positions.board_page import topic_board_page
    from bot.positions.changes import (
        Before,
        change_words,
        changes_along,
        classify_change,
        previous_of,
    )
    from bot.positions.correction_rights import Rights
    from bot.positions.corrections import correct_position, correction_form, retract_position
    from bot.positions.forms import (
        FormErrors,
        Kept,
        NewName,
        PositionForm,
        name_holder,
        record_form,
    )
    from bot.positions.live import counts_at, in_history, withdrawals
    from bot.positions.queries import (
        actor_overview,
        history,
        latest_position,
        pair_positions,
        recent_statements,
        spoken_for_others,
        spoken_on_topic,
        topic_board,
        views_of,
    )
    from bot.positions.recording import add_statement, dedupe_key, record_statement, source_for
    from bot.positions.views import Change, ChangeKind, PositionView, Remark, Withdrawal
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "Before",
    "Change",
    "ChangeKind",
    "FormErrors",
    "Kept",
    "NewName",
    "PositionForm",
    "PositionView",
    "Remark",
    "Rights",
    "Withdrawal",
    "actor_overview",
    "add_statement",
    "change_words",
    "changes_along",
    "classify_change",
    "correct_position",
    "correction_form",
    "counts_at",
    "dedupe_key",
    "history",
    "in_history",
    "latest_position",
    "name_holder",
    "pair_positions",
    "position_trail",
    "previous_of",
    "recent_statements",
    "record_form",
    "record_statement",
    "retract_position",
    "source_for",
    "spoken_for_others",
    "spoken_on_topic",
    "topic_board",
    "topic_board_page",
    "views_of",
    "withdrawals",
]
