"""The add form's actor and topic in the shell: resolve the name, pick a suggestion by
number, or create the name there and then (as the Slack modal's "create" boxes do)."""

from dataclasses import dataclass

from rich.console import Console
from sqlalchemy import Engine

from bot.catalog import MAX_NAME_CHARS, resolve_actor, resolve_topic
from bot.errors import BadCommand, UnknownName
from bot.positions import NewName, name_holder
from bot.text import strip_controls
from handlers.shell.prompts import ReadLine, ask
from store import ActorKind, unit_of_work

YES = frozenset({"y", "yes"})
KINDS = ", ".join(kind.value for kind in ActorKind)
ALIASES = "Other names, comma-separated (optional)"


@dataclass(frozen=True)
class NameAnswer:
    """The name to record under; `new` when it is to be created with the statement."""

    name: str
    new: NewName | None = None


class ShellNames:
    """Looks names up in the database, one short unit of work per question."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def resolve(self, *, kind: str, typed: str) -> str:
        """The tracked name `typed` means; UnknownName or BadCommand if none."""
        with unit_of_work(self.engine) as session:
            named = (
                resolve_actor(session, query=typed)
                if kind == "actor"
                else resolve_topic(session, query=typed)
            )
        return named.name

    def holder(self, *, kind: str, name: str) -> str | None:
        """Who already answers to exactly `name`."""
        with unit_of_work(self.engine) as session:
            return name_holder(session, kind=kind, name=name)


def ask_name(
    read: ReadLine,
    console: Console,
    *,
    kind: str,
    question: str,
    names: ShellNames,
    default: str = "",
) -> NameAnswer | None:
    """A tracked (or to-be-created) actor or topic; None if the answer is left empty."""
    while True:
        typed = " ".join(strip_controls(ask(read, question, default=default)).split())
        if not typed:
            return None
        try:
            return NameAnswer(name=names.resolve(kind=kind, typed=typed))
        except UnknownName as unknown:
            answer = _offer(read, console, unknown=unknown, typed=typed, names=names)
        except BadCommand as bad:
            _say(console, bad.message)
            answer = None
        if answer is not None:
            return answer
        default = ""  # type the name again (and never loop on a default at the end of input)


def _offer(
    read: ReadLine, console: Console, *, unknown: UnknownName, typed: str, names: ShellNames
) -> NameAnswer | None:
    kind, choices = unknown.kind, list(unknown.choices)
    if unknown.ambiguous:
        _say(console, f"“{typed}” could mean more than one {kind}:")
    else:
        _say(console, f"No {kind} called “{typed}”." + (" Did you mean:" if choices else ""))
    for number, choice in enumerate(choices, start=1):
        _say(console, f"  {number}. {choice}")
    span = f"1-{len(choices)}" if len(choices) > 1 else "1"
    if unknown.ambiguous:
        question = f"Which one [{span}], or Enter to type the name again? "
    elif choices:
        question = f"Pick one [{span}], or create “{typed}”? [y/N] "
    else:
        question = "Create it? [y/N] "
    answer = (read(question) or "").strip().casefold()
    if answer.isdigit() and 1 <= int(answer) <= len(choices):
        return NameAnswer(name=choices[int(answer) - 1])
    if answer in YES and not unknown.ambiguous:
        if len(typed) > MAX_NAME_CHARS:
            _say(console, f"Names are at most {MAX_NAME_CHARS} characters.")
            return None
        return NameAnswer(name=typed, new=_details(read, kind=kind, names=names))
    return None


def _details(read: ReadLine, *, kind: str, names: ShellNames) -> NewName:
    actor_kind = ActorKind.PERSON
    if kind == "actor":
        question = f"Kind ({KINDS})"
        while (picked := _kind(ask(read, question, default=ActorKind.PERSON.value))) is None:
            question = f"Please answer {KINDS}. Kind"
        actor_kind = picked
    description = ask(read, "Description (optional)")[:500]
    question = ALIASES
    while True:
        typed = ask(read, question).split(",")
        aliases = tuple(a[:MAX_NAME_CHARS] for a in (" ".join(p.split()) for p in typed) if a)
        clashes = [(a, held) for a in aliases if (held := names.holder(kind=kind, name=a))]
        if not clashes:
            return NewName(kind=actor_kind, description=description, aliases=aliases)
        alias, held = clashes[0]
        # An alias two names share would make it ambiguous: name the clash and ask again.
        question = f"“{alias}” already names {held}; leave it out. {ALIASES}"


def _kind(typed: str) -> ActorKind | None:
    wanted = typed.casefold().replace("organization", "organisation")
    found = [kind for kind in ActorKind if wanted and kind.value.startswith(wanted)]
    return found[0] if len(found) == 1 else None


def _say(console: Console, text: str) -> None:
    # Names can come from ingested articles: never replay terminal escapes they may hold.
    console.print(strip_controls(text), markup=False, highlight=False)
