"""Blocks for an ingest: candidates to review, each with Confirm / Edit / Discard."""

from collections.abc import Mapping, Sequence

from bot.ingest import pronoun
from bot.stances import LABELS
from bot.text import counted
from handlers.blocks.kit import Block, Message, context, day, escape, fit, header, section
from store import Position, Stance

CONFIRM, EDIT_CANDIDATE, DISCARD = "candidate_confirm", "candidate_edit", "candidate_discard"
# One button per suggested topic: action_id CONFIRM_ON-<n>, value "<id>|<topic name>".
CONFIRM_ON = "candidate_confirm_on"
# A menu of the five stances: the candidate confirmed as the one chosen, value "<id>|<stance>".
CONFIRM_AS = "candidate_confirm_as"
MAX_SHOWN = 20  # two blocks each, under Slack's 50


def candidates_message(
    *,
    title: str,
    candidates: list[Position],
    names: dict[int, str],
    unverifiable: int,
    unknown: list[str],
    already: int,
    extractor: str,
    command: str,
    no_guess: frozenset[int] | set[int] = frozenset(),
    new_actors: Mapping[int, tuple[str, str]] | None = None,
    dated: bool = True,
    topic_choices: Mapping[int, Sequence[str]] | None = None,
    problems: Mapping[int, Sequence[str]] | None = None,
) -> Message:
    """The review list for one ingested article.

    A candidate in `topic_choices` has no topic yet: its buttons confirm it on a suggestion.
    A candidate in `problems` can't be confirmed as it is: Edit or Discard only.
    """
    blocks: list[Block] = [
        header(f"Candidates from {title}" if title else "Candidates from the article")
    ]
    for position in candidates[:MAX_SHOWN]:
        actor, topic = names.get(position.actor_id, "?"), names.get(-position.topic_id, "?")
        choices = (topic_choices or {}).get(position.id or 0)
        if choices is not None:
            topic = "a topic to choose"
        blocks.append(
            section(
                f"*#{position.id}* *{escape(actor)}* on *{escape(topic)}* — "
                f"{_stance_note(position, no_guess=position.id in no_guess)}"
                f"{_new_actor_note((new_actors or {}).get(position.actor_id))}"
                f"{_problem_note((problems or {}).get(position.id or 0, ()))}"
                f"\n> “{escape(position.quotes[0])}”"
            )
        )
        value = str(position.id)
        confirm = [
            {
                "type": "button",
                "action_id": CONFIRM,
                "value": value,
                "style": "primary",
                "text": {"type": "plain_text", "text": "Confirm"},
            }
        ]
        if choices is not None:
            confirm = [
                {
                    "type": "button",
                    "action_id": f"{CONFIRM_ON}-{n}",
                    "value": f"{position.id}|{name}",
                    "text": {"type": "plain_text", "text": _label(f"Confirm on {name}")},
                }
                for n, name in enumerate(choices[:3])
            ]
        if choices is None:
            confirm.append(_confirm_as(position))
        if (problems or {}).get(position.id or 0):
            confirm = []  # `confirm` would be refused: Edit chooses the speaker
        blocks.append(
            {
                "type": "actions",
                "block_id": f"candidate-{position.id}",
                "elements": [
                    *confirm,
                    {
                        "type": "button",
                        "action_id": EDIT_CANDIDATE,
                        "value": value,
                        "text": {"type": "plain_text", "text": "Edit"},
                    },
                    {
                        "type": "button",
                        "action_id": DISCARD,
                        "value": value,
                        "style": "danger",
                        "text": {"type": "plain_text", "text": "Discard"},
                    },
                ],
            }
        )
    if not candidates:
        blocks.append(section("No candidate positions found."))
    notes = [f"Extracted by the {escape(extractor)}."]
    if candidates and not dated:
        # Never the ingest time in silence: the reporter says when it was said.
        hint = f"`{command} confirm <id> stated <date>`"
        notes.append(escape(f"No date found in the article: confirm with {hint}."))
    if topic_choices:
        hint = f"`{command} confirm <id> on <topic>`"
        notes.append(escape(f"No topic named near some quotes: choose one, or type {hint}."))
    if any((problems or {}).get(p.id or 0) for p in candidates):
        hint = f"`{command} edit #<id>`"
        notes.append(escape(f"⚠ marks a speaker the article does not support: {hint} to choose."))
    if unverifiable:
        notes.append(
            f"{counted(unverifiable, 'quote')} not found verbatim in the article "
            + ("was dropped." if unverifiable == 1 else "were dropped.")
        )
    if already:
        notes.append(
            f"{counted(already, 'statement')} {'was' if already == 1 else 'were'} already recorded."
        )
    if unknown:
        notes.append("Unknown names skipped: " + escape(", ".join(sorted(set(unknown))[:10])) + ".")
    if len(candidates) > MAX_SHOWN:
        notes.append(f"{len(candidates) - MAX_SHOWN} more not shown: `{command} confirm <id>`.")
    notes.append(escape(f"Or type: {command} confirm <id> [as <stance>] · {command} discard <id>"))
    blocks.append(context(" ".join(notes)))
    text = (
        f"{counted(len(candidates), 'candidate position')} to review; "
        f"{counted(unverifiable, 'unverifiable quote')} dropped."
    )
    return Message(text=text, blocks=fit(blocks))


def _confirm_as(position: Position) -> Block:
    """'Confirm as…': the stance the reporter reads in the quote, whatever the guess was."""
    return {
        "type": "static_select",
        "action_id": CONFIRM_AS,
        "placeholder": {"type": "plain_text", "text": "Confirm as…"},
        "options": [
            {
                "text": {"type": "plain_text", "text": LABELS[stance]},
                "value": f"{position.id}|{stance.value}",
            }
            for stance in Stance
        ],
    }


def _label(text: str, limit: int = 75) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"  # Slack's button limit


def _new_actor_note(new: tuple[str, str] | None) -> str:
    if new is None:
        return ""
    name, role = new
    who = f"{name} ({role})" if role else name
    if len(name.split()) == 1:  # the article gave a surname only: ask for the whole name
        return (
            f"\nNew: {escape(who)} — the article gives only a surname: Edit to give the full "
            f"name, or confirming adds {pronoun(role)} as “{escape(name)}”"
        )
    return f"\nNew: {escape(who)} — confirming adds {pronoun(role)} to the people tracked"


def _problem_note(problems: Sequence[str]) -> str:
    return "".join(
        f"\n⚠ {escape(problem)} — Edit to choose the speaker, or Discard" for problem in problems
    )


def _stance_note(position: Position, *, no_guess: bool) -> str:
    if no_guess:
        # Say what a bare Confirm records, so "unclear" is never a silent default.
        return (
            "no guess (Confirm as… or Edit sets the stance; "
            "Confirm as-is records an unclear remark)"
        )
    return f"{LABELS[position.stance]} (a first guess)"


def reviewed_message(
    position: Position, *, confirmed: bool, candidate_id: int | None = None
) -> Message:
    """After Confirm or Discard (a candidate confirmed with a date is recorded anew)."""
    shown = f"#{position.id}"
    if candidate_id is not None and candidate_id != position.id:
        shown = f"#{candidate_id} (stated {day(position.stated_at)}, now #{position.id})"
    text = (
        f"✅ Candidate {shown} confirmed: it now counts as a position."
        if confirmed
        else f"🗑️ Candidate #{position.id} discarded."
    )
    return Message(text=text, blocks=[context(text)])
