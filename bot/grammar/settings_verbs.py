"""`settings …`: which workspace setting, and the value as typed (read by bot.workspace)."""

from bot.errors import BadCommand
from bot.grammar.commands import SettingsCommand
from bot.settings import WORKSPACE_KEYS, workspace_key

_LONGEST_KEY = 3  # words: "drafts per person"
_RESET = {"reset", "unset", "clear"}


def parse_settings(rest: str) -> SettingsCommand:
    """`settings`, `settings tz`, `settings tz Europe/Berlin`, `settings reset tz`
    (also `settings tz default`); a setting's name may be typed with spaces or hyphens."""
    words = rest.split()
    if not words:
        return SettingsCommand()
    reset = words[0].casefold() in _RESET
    if reset:
        words = words[1:]
        if not words:
            raise BadCommand("Reset which setting?", hint="Try: settings reset tz")
    for length in range(min(_LONGEST_KEY, len(words)), 0, -1):
        key = workspace_key(" ".join(words[:length]))
        if key is None:
            continue
        value = " ".join(words[length:])
        if reset and value:
            raise BadCommand(
                f"Reset takes only the setting's name: settings reset {key.name}",
                hint=f"To set it instead: settings {key.name} {value[:40]}",
            )
        if reset or value.casefold() == "default":
            return SettingsCommand(action="reset", key=key.name)
        return SettingsCommand(action="set" if value else "show", key=key.name, value=value)
    raise BadCommand(
        f"“{words[0][:30]}” isn't a setting.",
        hint="Settings: " + ", ".join(key.name for key in WORKSPACE_KEYS) + ". "
        "settings alone shows them all.",
    )
