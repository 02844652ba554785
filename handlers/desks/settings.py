"""`/stance settings`: a workspace's own settings, shown to anyone, changed by its approvers
and its Slack admins, each change audited and in force at the next answer."""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TypedDict

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from bot.errors import BadCommand, UserError
from bot.grammar import SettingsCommand
from bot.settings import (
    WORKSPACE_KEYS,
    Settings,
    WorkspaceKey,
    apply_overrides,
    effective_settings,
    forget_overrides,
    workspace_key,
)
from bot.spending import usage_today
from bot.workspace import (
    Change,
    Parsed,
    change_setting,
    parse_value,
    refuse_change,
    reset_setting,
    workspace_values,
)
from handlers.blocks import Message, SettingLine, settings_changed_message, settings_message
from handlers.desks.upkeep import UpkeepDesk
from store import current_tenant, unit_of_work, utcnow

REFUSAL = "Only this workspace's approvers and its Slack admins and owners can change its settings."
Values = Mapping[WorkspaceKey, Parsed | None]  # None: back to the default


class SettingsRefused(BadCommand):
    """Values that can't be set, by setting name (a form shows each beside its field)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        first = next(iter(errors.values()))
        super().__init__(first if len(errors) == 1 else f"{len(errors)} values can't be set.")
        self.errors = dict(errors)


class SettingsDesk(UpkeepDesk):
    """A workspace's settings, in one database."""

    def __init__(
        self,
        *,
        engine: Engine,
        settings: Settings,
        is_approver: Callable[[str], bool],
        is_admin: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(engine=engine, settings=settings, is_approver=is_approver)
        self.is_admin = is_admin or (lambda _user: False)

    def run(
        self, command: SettingsCommand, *, user: str, now: datetime, request_id: str | None = None
    ) -> Message:
        """Show the settings (all, or one), or change one."""
        key = workspace_key(command.key) if command.key else None
        if command.action == "show" or key is None:
            return settings_message(
                self.lines(), usage=self.usage(), only=key, command=self.settings.command
            )
        value = command.value if command.action == "set" else None
        changes = self.apply({key.name: value}, user=user, now=now, request_id=request_id)
        return settings_changed_message(changes, command=self.settings.command)

    def may_change(self, user: str) -> bool:
        """This workspace's approvers, and its Slack admins and owners."""
        return self.is_approver(user) or self.is_admin(user)

    def lines(self) -> list[SettingLine]:
        """Every setting: its value now, and where it comes from."""
        with unit_of_work(self.engine) as session:
            stored = workspace_values(session)
        effective, defaults = self.settings, self.defaults
        return [
            SettingLine(
                key=key,
                value=stored_form(effective, key.field),
                default=stored_form(defaults, key.field),
                stored=stored.get(key.field),
                from_environment=key.field in defaults.model_fields_set,
            )
            for key in WORKSPACE_KEYS
        ]

    def usage(self) -> tuple[int, int]:
        """Model calls (made or in flight) and tokens so far today."""
        used = usage_today(engine=self.engine, zone=self.settings.zone, now=utcnow())
        return used.calls, used.tokens

    def apply(
        self,
        values: Mapping[str, str | None],
        *,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> list[Change]:
        """Set (a text) or reset (None) each named setting, all or none, audited. Refused
        (audited too) to anyone else than an approver or an admin; SettingsRefused names each
        value that can't be read."""
        if not self.may_change(user):
            with unit_of_work(self.engine) as session:
                key = workspace_key(next(iter(values), ""))
                refuse_change(session, key=key, user=user, now=now, request_id=request_id)
            raise UserError(REFUSAL, hint=f"See who they are: {self.settings.command} settings")
        parsed = self.read(values)
        for _ in range(2):  # the same setting changed at the same moment elsewhere: go again
            try:
                return self._write(parsed, user=user, now=now, request_id=request_id)
            except IntegrityError:
                continue
        raise UserError("Someone changed the settings at the same moment; try again.")

    def read(self, values: Mapping[str, str | None]) -> dict[WorkspaceKey, Parsed | None]:
        """Each value read into its stored form (None stays None: a reset). The time zone is
        read first: the other times are read in it."""
        errors: dict[str, str] = {}
        failed: BadCommand | None = None
        parsed: dict[WorkspaceKey, Parsed | None] = {}
        tz = self.settings.tz
        for name in sorted(values, key=lambda n: getattr(workspace_key(n), "field", "") != "tz"):
            key, text = workspace_key(name), values[name]
            if key is None:
                errors[name] = f"“{name[:30]}” isn't a setting."
                continue
            try:
                found = None if text is None else parse_value(key, text, tz=tz)
            except BadCommand as error:
                errors[name], failed = error.message, error
                continue
            parsed[key] = found
            if key.field == "tz" and found is not None:
                tz = found.value
        if failed is not None and len(values) == 1:
            raise failed  # one value: its own message and example
        if errors:
            raise SettingsRefused(errors)
        self._check(parsed)
        return parsed

    def _check(self, parsed: Values) -> None:
        """Settings' own validators, on the values as they would stand."""
        with unit_of_work(self.engine) as session:
            stored = {field: row.value for field, row in workspace_values(session).items()}
        for key, found in parsed.items():
            stored.pop(key.field, None)
            if found is not None:
                stored[key.field] = found.value
        try:
            apply_overrides(self.defaults, stored)
        except ValidationError as error:
            problem = error.errors()[0]
            field = str(problem["loc"][0]) if problem["loc"] else ""
            key = next((k for k in parsed if k.field == field), next(iter(parsed)))
            reason = str(problem.get("msg", "that value can't be used"))
            raise SettingsRefused({key.name: reason.removeprefix("Value error, ")}) from None

    def _write(
        self, parsed: Values, *, user: str, now: datetime, request_id: str | None
    ) -> list[Change]:
        changes = []
        with unit_of_work(self.engine) as session:
            for key, found in parsed.items():
                default = stored_form(self.defaults, key.field)
                if found is None:
                    change = reset_setting(
                        session, key=key, default=default, user=user, now=now, request_id=request_id
                    )
                else:
                    change = change_setting(
                        session,
                        key=key,
                        value=found.value,
                        default=default,
                        user=user,
                        now=now,
                        request_id=request_id,
                        note=found.note,
                    )
                changes.append(change)
        forget_overrides(engine=self.engine, tenant=current_tenant())
        return changes


def stored_form(settings: Settings, field: str) -> str:
    """A setting's value as it is stored (approvers `U1,S2`; no approval channel "")."""
    if field == "approvers":
        return ",".join(a.strip() for a in settings.approvers.split(",") if a.strip())
    value = getattr(settings, field)
    return "" if value is None else str(value)


def workspace_settings(*, engine: Engine, settings: Settings) -> Callable[[], Settings]:
    """The effective settings of the workspace in scope, asked for each time they are needed."""
    return lambda: effective_settings(engine=engine, defaults=settings)


class Rights(TypedDict):
    """Who approves, and who may change the settings (`assemble`'s keywords)."""

    is_approver: Callable[[str], bool]
    is_admin: Callable[[str], bool]


def terminal_rights(*, engine: Engine, settings: Settings, who: str) -> Rights:
    """At a terminal: the workspace's approvers approve (whoever runs the shell, when none are
    named), and whoever runs the shell may change the settings (they run the deployment)."""

    def is_approver(person: str) -> bool:
        named = effective_settings(engine=engine, defaults=settings).approver_ids
        return person in (named or {who})

    return {"is_approver": is_approver, "is_admin": lambda person: person == who}
