"""Block Kit builders: pure functions returning dicts. Slack sends them; the shell renders them."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.blocks.add_modal import (
        ADD_CALLBACK,
        FIELDS,
        add_position_modal,
        assigned_quote,
        channel_of,
        corrected_position,
        form_from_state,
        reason_of,
        replaced_candidate,
    )
    from handlers.blocks.alerts import HISTORY_ACTION, alert_message
    from handlers.blocks.catalog import alias_message, merge_message, tracked_message
    from handlers.blocks.choices import CHOOSE_ACTION
    from handlers.blocks.corrections import (
        correct_form_hint,
        corrected_message,
        position_audit_message,
        retracted_message,
    )
    from handlers.blocks.digests import preview_message, schedule_message, unreviewed_facts_message
    from handlers.blocks.digests import quiet_message as digest_quiet_message
    from handlers.blocks.draft_modals import (
        EDIT_CALLBACK,
        REJECT_CALLBACK,
        draft_ref,
        edit_modal,
        reject_modal,
        still_to_fix,
    )
    from handlers.blocks.drafts import (
        APPROVE,
        EDIT,
        REJECT,
        RETRY,
        audit_message,
        draft_card,
        outcome_message,
        pending_message,
        published_message,
    )
    from handlers.blocks.follows import (
        followed_message,
        following_message,
        quiet_message,
        unfollowed_message,
    )
    from handlers.blocks.home import home_view
    from handlers.blocks.ingest import (
        CONFIRM,
        CONFIRM_AS,
        CONFIRM_ON,
        DISCARD,
        EDIT_CANDIDATE,
        candidates_message,
        reviewed_message,
    )
    from handlers.blocks.kit import Message, context, escape, section
    from handlers.blocks.outgoing import errors_ack, guard, message_body, neutralise
    from handlers.blocks.paging import MORE_ACTION, Pager, as_of_question
    from handlers.blocks.positions import (
        board_message,
        history_message,
        no_position_message,
        overview_message,
        pair_message,
        position_message,
    )
    from handlers.blocks.publication import Published, published
    from handlers.blocks.reading import with_reading
    from handlers.blocks.replies import (
        add_form_hint,
        edit_form_hint,
        error_message,
        help_message,
        internal_error_message,
        not_yet_message,
        recorded_message,
    )
    from handlers.blocks.search import search_message
    from handlers.blocks.share import (
        SHARE_ACTION,
        share_done_message,
        share_failed_message,
        shared_message,
        with_share_button,
    )
    from handlers.blocks.uncredited import ASSIGN, assign_form_hint, assign_note, with_uncredited
    from handlers.blocks.workspace import (
        SETTINGS_OPEN,
        SettingLine,
        already_writing_message,
        settings_changed_message,
        settings_home_blocks,
        settings_message,
    )
    from handlers.blocks.workspace_modal import (
        SETTINGS_CALLBACK,
        settings_form_changes,
        settings_modal,
    )
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "ADD_CALLBACK",
    "APPROVE",
    "ASSIGN",
    "CHOOSE_ACTION",
    "CONFIRM",
    "CONFIRM_AS",
    "CONFIRM_ON",
    "DISCARD",
    "EDIT",
    "EDIT_CALLBACK",
    "EDIT_CANDIDATE",
    "FIELDS",
    "HISTORY_ACTION",
    "MORE_ACTION",
    "REJECT",
    "REJECT_CALLBACK",
    "RETRY",
    "SETTINGS_CALLBACK",
    "SETTINGS_OPEN",
    "SHARE_ACTION",
    "Message",
    "Pager",
    "Published",
    "SettingLine",
    "add_form_hint",
    "add_position_modal",
    "alert_message",
    "alias_message",
    "already_writing_message",
    "as_of_question",
    "assign_form_hint",
    "assign_note",
    "assigned_quote",
    "audit_message",
    "board_message",
    "candidates_message",
    "channel_of",
    "context",
    "correct_form_hint",
    "corrected_message",
    "corrected_position",
    "digest_quiet_message",
    "draft_card",
    "draft_ref",
    "edit_form_hint",
    "edit_modal",
    "error_message",
    "errors_ack",
    "escape",
    "followed_message",
    "following_message",
    "form_from_state",
    "guard",
    "help_message",
    "history_message",
    "home_view",
    "internal_error_message",
    "merge_message",
    "message_body",
    "neutralise",
    "no_position_message",
    "not_yet_message",
    "outcome_message",
    "overview_message",
    "pair_message",
    "pending_message",
    "position_audit_message",
    "position_message",
    "preview_message",
    "published",
    "published_message",
    "quiet_message",
    "reason_of",
    "recorded_message",
    "reject_modal",
    "replaced_candidate",
    "retracted_message",
    "reviewed_message",
    "schedule_message",
    "search_message",
    "section",
    "settings_changed_message",
    "settings_form_changes",
    "settings_home_blocks",
    "settings_message",
    "settings_modal",
    "share_done_message",
    "share_failed_message",
    "shared_message",
    "still_to_fix",
    "tracked_message",
    "unfollowed_message",
    "unreviewed_facts_message",
    "with_reading",
    "with_share_button",
    "with_uncredited",
]
