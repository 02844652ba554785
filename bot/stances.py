"""The stance scale: what each value is called and what words a reporter may type for it."""

from store import Stance

LABELS: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports",
    Stance.CONDITIONAL: "Conditional support",
    Stance.OPPOSES: "Opposes",
    Stance.UNDECIDED: "Undecided",
    Stance.UNCLEAR: "Unclear",
}

MARKS: dict[Stance, str] = {
    Stance.SUPPORTS: "🟢",
    Stance.CONDITIONAL: "🟡",
    Stance.OPPOSES: "🔴",
    Stance.UNDECIDED: "⚪",
    Stance.UNCLEAR: "❔",
}

_SYNONYMS: dict[str, Stance] = {
    "support": Stance.SUPPORTS,
    "supports": Stance.SUPPORTS,
    "backs": Stance.SUPPORTS,
    "for": Stance.SUPPORTS,
    "favours": Stance.SUPPORTS,
    "favors": Stance.SUPPORTS,
    "conditional": Stance.CONDITIONAL,
    "conditional support": Stance.CONDITIONAL,
    "conditionally supports": Stance.CONDITIONAL,
    "oppose": Stance.OPPOSES,
    "opposes": Stance.OPPOSES,
    "against": Stance.OPPOSES,
    "rejects": Stance.OPPOSES,
    "undecided": Stance.UNDECIDED,
    "unclear": Stance.UNCLEAR,
}


def parse_stance(text: str) -> Stance | None:
    """The stance `text` names (`supports`, `against`, `conditional support` …), or None."""
    return _SYNONYMS.get(" ".join(text.casefold().split()))


def stance_words() -> str:
    """The five canonical values, for help and error messages."""
    return ", ".join(stance.value for stance in Stance)
