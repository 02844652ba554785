"""Conditions as people type them: a list, "none" (said there are none), or blank (not said).

A statement that does not say its conditions leaves them unknown, not empty: only a
statement that says them can add or drop one (see bot.positions.changes).
"""

import re
from collections.abc import Sequence

# Typed alone in a conditions field: the statement says there are no conditions.
NONE_WORDS = frozenset({"none", "no conditions", "unconditional", "unconditionally", "-", "—"})
_SEPARATORS = re.compile(r"[;\n]")


def parse_conditions(text: str | None) -> tuple[str, ...] | None:
    """`a; b` or one per line -> ("a", "b"); "none" -> (); blank -> None (not stated)."""
    if text is None or not text.strip():
        return None
    if " ".join(text.casefold().split()).strip(".") in NONE_WORDS:
        return ()
    parts = (part.strip() for part in _SEPARATORS.split(text))
    return tuple(part for part in parts if part) or None


def conditions_field(conditions: Sequence[str] | None, *, separator: str = "; ") -> str:
    """What a form field shows for stored conditions: the list, "none", or blank."""
    if conditions is None:
        return ""
    return separator.join(conditions) if conditions else "none"


def stated_conditions(conditions: Sequence[str], *, stated: bool) -> tuple[str, ...] | None:
    """A stored position's conditions as the form and recording read them."""
    return tuple(conditions) if stated else None
