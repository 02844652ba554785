"""What a `/stance` command can ask for: one frozen dataclass per kind of request."""

from dataclasses import dataclass

from store import Stance


@dataclass(frozen=True)
class ActorQuery:
    actor: str
    as_of: str | None = None
    page: int = 1


@dataclass(frozen=True)
class PairQuery:
    actor: str
    topic: str
    as_of: str | None = None
    page: int = 1


@dataclass(frozen=True)
class TopicQuery:
    topic: str
    as_of: str | None = None
    page: int = 1


@dataclass(frozen=True)
class HistoryQuery:
    actor: str
    topic: str
    as_of: str | None = None
    page: int = 1


@dataclass(frozen=True)
class AddStatement:
    actor: str
    topic: str
    stance: Stance
    quote: str
    url: str | None = None
    summary: str = ""
    # None: the statement did not say its conditions; (): it said there are none.
    conditions: tuple[str, ...] | None = None
    stated: str | None = None  # the day it was said, as typed ("stated 12 March 2025")


@dataclass(frozen=True)
class AddForm:
    """`add` with no arguments: the transport asks for the fields (modal, or shell prompts)."""


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Summarize:
    topic: str
    offline: bool = False  # `summarize <topic> offline`: the offline drafter, never the model


@dataclass(frozen=True)
class Ingest:
    source: str  # a URL, or the pasted article text
    offline: bool = False  # `ingest offline …`: the offline extractor, never the model


@dataclass(frozen=True)
class Pending:
    page: int = 1


@dataclass(frozen=True)
class Decide:
    """`approve <id>` or `reject <id> [reason]` (the text twins of the card's buttons)."""

    verb: str
    draft_id: int
    reason: str = ""


@dataclass(frozen=True)
class EditDraft:
    """`edit <id>`: the Edit button's twin (the modal in Slack, prompts in the shell).

    `edit #7` (subject "position") edits candidate #7; a bare `edit 7` (subject None) edits
    draft D7, or candidate #7 when there is no such draft.
    """

    draft_id: int
    subject: str | None = "draft"


@dataclass(frozen=True)
class RetryDraft:
    """`retry <id>`: the Retry button's twin, on a draft that failed."""

    draft_id: int


@dataclass(frozen=True)
class Audit:
    """`audit D7` (a draft), `audit #7` (a position), or `audit 7` (whichever exists)."""

    number: int
    subject: str | None = None  # "draft", "position", or None when only a number was typed


@dataclass(frozen=True)
class Retract:
    """`retract <id> [reason]`: withdraw a recorded position."""

    position_id: int
    reason: str = ""


@dataclass(frozen=True)
class Correct:
    """`correct <id>`: the add form prefilled with the position; saving supersedes it."""

    position_id: int


@dataclass(frozen=True)
class Assign:
    """`assign <id>`: the add form prefilled with a quote an ingest could credit to nobody."""

    quote_id: int


@dataclass(frozen=True)
class ListNames:
    """`actors [filter]` / `topics [filter]`: what is tracked."""

    kind: str  # "actor" or "topic"
    filter: str = ""
    page: int = 1


@dataclass(frozen=True)
class AliasChange:
    """`alias <actor> = <alias>` / `unalias <actor> = <alias>` (`alias topic …` for topics)."""

    verb: str  # "alias" or "unalias"
    kind: str  # "actor" or "topic"
    name: str
    alias: str


@dataclass(frozen=True)
class Merge:
    """`merge <actor> into <actor>` / `merge topic <topic> into <topic>` (approvers only)."""

    kind: str  # "actor" or "topic"
    source: str
    target: str


@dataclass(frozen=True)
class Search:
    """`search <words> [as of <date>]`: full-text search over what was said."""

    words: str
    as_of: str | None = None
    page: int = 1


@dataclass(frozen=True)
class Export:
    """`export board <topic>|history <actor> on <topic>|positions [since <date>] [csv|json]`."""

    what: str  # "board", "history" or "positions"
    topic: str = ""
    actor: str = ""
    since: str | None = None
    format: str = "csv"  # "csv" or "json"


@dataclass(frozen=True)
class DigestCommand:
    """`digest status|preview|now|at|days|follow|unfollow|off|on|quiet|deadline|chart …`."""

    action: str = "status"
    argument: str = ""


@dataclass(frozen=True)
class Review:
    """`confirm <id> [as <stance>] [on <topic>] [stated <date>]` / `discard <id>`."""

    verb: str
    position_id: int
    stated: str | None = None  # the date it was said, when the article gave none
    topic: str | None = None  # the topic to file it under, when its text named none
    stance: Stance | None = None  # the stance, when the extractor's guess is wrong or missing


@dataclass(frozen=True)
class FollowChange:
    """`follow|unfollow <actor>`, `… topic <topic>`, `… <actor> on <topic>`, `unfollow all`."""

    verb: str  # "follow" or "unfollow"
    actor: str = ""
    topic: str = ""
    everything: bool = False  # `unfollow all`


@dataclass(frozen=True)
class Following:
    """`following`: what this channel (or, in a DM, this person) follows."""


@dataclass(frozen=True)
class QuietCommand:
    """`quiet` (status), `quiet 22:00-07:00 [zone]`, `quiet off`: alerts held, then grouped."""

    argument: str = ""


@dataclass(frozen=True)
class ChartRequest:
    """`chart <actor> on <topic>` or `chart topic <topic>`: a PNG of stances over time."""

    topic: str
    actor: str = ""


@dataclass(frozen=True)
class SettingsCommand:
    """`settings` (all), `settings <key>` (one), `settings <key> <value>`, `settings reset <key>`
    (the workspace's own settings: see bot.settings.WORKSPACE_KEYS)."""

    action: str = "show"  # "show", "set" or "reset"
    key: str = ""  # the setting's name (bot.settings.WORKSPACE_KEYS), "" for all
    value: str = ""


@dataclass(frozen=True)
class NotYetAvailable:
    name: str


Command = (
    ActorQuery
    | PairQuery
    | TopicQuery
    | HistoryQuery
    | AddStatement
    | AddForm
    | Help
    | NotYetAvailable
    | Summarize
    | Ingest
    | Pending
    | Decide
    | EditDraft
    | RetryDraft
    | Audit
    | Review
    | DigestCommand
    | Retract
    | Correct
    | Assign
    | ListNames
    | AliasChange
    | Merge
    | Search
    | Export
    | FollowChange
    | Following
    | QuietCommand
    | ChartRequest
    | SettingsCommand
)
