"""The settings a workspace may change with `/stance settings`, by the names people type.

Each is a Settings field: its environment variable is the default for every workspace, and
a workspace's own value (a `workspace_setting` row) replaces it for that workspace alone.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkspaceKey:
    """One setting as `/stance settings` names it."""

    name: str  # as typed: "approval-channel"
    field: str  # the Settings field: "approval_channel"
    label: str  # as shown: "Approval channel"
    example: str  # a value to type: "#standards" or "dm"


WORKSPACE_KEYS: tuple[WorkspaceKey, ...] = (
    WorkspaceKey("approvers", "approvers", "Approvers", "U0123ABCD S0456EFGH"),
    WorkspaceKey("approval-channel", "approval_channel", "Approval channel", "C0123ABCD"),
    WorkspaceKey("tz", "tz", "Time zone", "Europe/Berlin"),
    WorkspaceKey(
        "correction-window", "correction_window_minutes", "Correction window", "1440 minutes"
    ),
    WorkspaceKey("digest-time", "digest_time", "New digests: time", "07:00"),
    WorkspaceKey("digest-days", "digest_days", "New digests: days", "weekdays"),
    WorkspaceKey("digest-quiet", "digest_quiet", "New digests: on a quiet day", "line"),
    WorkspaceKey(
        "digest-deadline", "digest_deadline_minutes", "New digests: deadline", "120 minutes"
    ),
    WorkspaceKey(
        "digest-on-deadline", "digest_on_deadline", "New digests: at the deadline", "facts"
    ),
    WorkspaceKey("quiet-hours", "quiet_hours", "Default quiet hours", "22:00-07:00"),
    WorkspaceKey("llm-calls", "llm_calls_per_day", "Model calls per day", "200"),
    WorkspaceKey("llm-tokens", "llm_tokens_per_day", "Model tokens per day", "500000"),
    WorkspaceKey("drafts-per-person", "drafts_per_person", "Drafts per person", "5"),
    WorkspaceKey("draft-window", "draft_rate_minutes", "Per-person window", "10 minutes"),
)
_BY_NAME = {key.name: key for key in WORKSPACE_KEYS}
_ALIASES = {
    "approver": "approvers",
    "channel": "approval-channel",
    "approvals": "approval-channel",
    "timezone": "tz",
    "time-zone": "tz",
    "zone": "tz",
    "window": "correction-window",
    "quiet": "quiet-hours",
    "calls": "llm-calls",
    "tokens": "llm-tokens",
    "drafts": "drafts-per-person",
}


def workspace_key(typed: str) -> WorkspaceKey | None:
    """The setting `typed` names ("Approval_Channel", "timezone"), or None."""
    name = "-".join(typed.casefold().replace("_", " ").replace("-", " ").split())
    return _BY_NAME.get(_ALIASES.get(name, name))


def key_of_field(field: str) -> WorkspaceKey:
    """The setting stored under a Settings field."""
    return next(key for key in WORKSPACE_KEYS if key.field == field)
