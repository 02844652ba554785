"""The errors a user may see. Anything else is a bug: logged, and answered generically.

StandpointError
 └── UserError            the message is safe and helpful to show as-is
      ├── BadCommand      the words do not fit the grammar
      ├── InputTooLong    over the length a command may have
      ├── BadDate         an `as of` date that does not parse or lies ahead
      ├── UnknownName     no actor/topic by that name; carries the closest choices
      └── DuplicateStatement  the same statement is already recorded
"""

from collections.abc import Sequence


class StandpointError(Exception):
    """Base of every error Standpoint raises on purpose."""


class UserError(StandpointError):
    """An error whose message is written for the person who typed the command."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BadCommand(UserError):
    """The command does not parse."""


class InputTooLong(UserError):
    """The command is longer than the limit."""


class BadDate(UserError):
    """A date that does not parse or is in the future."""


class UnknownName(UserError):
    """No single actor or topic matches; `choices` are the closest names."""

    def __init__(self, *, kind: str, query: str, choices: Sequence[str], ambiguous: bool) -> None:
        shown = query if len(query) <= 60 else query[:57] + "…"
        if ambiguous:
            message = f"“{shown}” could mean more than one {kind}."
        else:
            article = "an" if kind[:1] in "aeiou" else "a"
            message = f"I don't know {article} {kind} called “{shown}”."
        super().__init__(message)
        self.kind = kind
        self.query = query
        self.choices = list(choices)
        self.ambiguous = ambiguous
        # The same question asked with each choice instead, when a transport knows it.
        self.questions: list[str] = []


class DuplicateStatement(UserError):
    """The statement was already recorded (same actor, topic, day and quote)."""

    def __init__(self, *, position_id: int) -> None:
        super().__init__(f"That statement is already recorded (position #{position_id}).")
        self.position_id = position_id
