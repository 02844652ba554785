"""`--help` as Typer apps have long printed it: `--as TEXT`, `TOPIC...`, flags with no type.

Typer 0.29 prints a type beside every parameter (`<bool>` beside a flag, `<str>`) and wraps a
required argument in braces (`{source}`). The root group is `PlainGroup`; on construction it
gives every command under it (added by any module) these subclasses, which change only how
help names a parameter: parsing and errors are Typer's own.
"""

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

_CLASSIC = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "FLOAT",
    "bool": "BOOLEAN",
    "path": "PATH",
    "file": "FILE",
    "datetime": "DATETIME",
}


def _classic(label: str) -> str:
    """`<str>` → TEXT, `<csv|json>` → [csv|json], `<list[str]>` → TEXT."""
    bare = label.strip("<>")
    if bare.startswith("list[") and bare.endswith("]"):
        bare = bare[5:-1]
    if "|" in bare:
        return f"[{bare}]"
    words = bare.split()
    return " ".join(_CLASSIC.get(word, word.upper()) for word in words)


class PlainOption(TyperOption):
    """An option whose help shows TEXT, INTEGER or [a|b], and nothing beside a flag."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """The value's placeholder, or None for a flag."""
        if self.metavar is not None:
            return self.metavar
        if self.is_flag or self.count:
            return None
        label = _classic(self.display_type(ctx))
        return f"{label}..." if self.nargs != 1 else label


class PlainArgument(TyperArgument):
    """An argument shown as SOURCE (optional: [SOURCE]), never {source}."""

    def _placeholder(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 and not self.metavar else name

    def display_type_rich(self, ctx: Any) -> str | None:
        """The placeholder beside the argument's name."""
        return self._placeholder()

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        """SOURCE, TOPIC... or [SINCE] on the usage line."""
        name = self.metavar or (self.name or "").upper()
        shown = name if self.required else f"[{name}]"
        return [f"{shown}..." if self.nargs != 1 else shown]


def _plain_parameter(param: object) -> None:
    # Same state, narrower display: Typer builds the parameters, we only re-class them.
    if type(param) is TyperOption:
        param.__class__ = PlainOption
    elif type(param) is TyperArgument:
        param.__class__ = PlainArgument


def plain_help(command: object) -> None:
    """Give `command`, its parameters and every subcommand the plain help."""
    if type(command) is TyperCommand:
        command.__class__ = PlainCommand
    elif type(command) is TyperGroup:
        command.__class__ = PlainGroup
    for param in getattr(command, "params", []):
        _plain_parameter(param)
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)


class PlainCommand(TyperCommand):
    """A command whose `--help` option shows no type either."""

    def get_help_option(self, ctx: Any) -> TyperOption | None:
        """Typer's help option, shown plainly."""
        option = super().get_help_option(ctx)
        _plain_parameter(option)
        return option


class PlainGroup(TyperGroup):
    """The root group: plain help for itself and everything under it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        plain_help(self)

    def get_help_option(self, ctx: Any) -> TyperOption | None:
        """Typer's help option, shown plainly."""
        option = super().get_help_option(ctx)
        _plain_parameter(option)
        return option
