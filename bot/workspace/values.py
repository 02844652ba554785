"""Setting values as people type them, read into the form they are stored and checked in.

`parse_value` never raises anything but BadCommand, whatever it is given (a hypothesis test
holds it to that), and what it returns Settings accepts. `typed_form` is the way back: the
stored value as one would type it, so a form can show it and parse it again unchanged.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.alerts import parse_quiet_window
from bot.digests import parse_days, parse_time, read_zone
from bot.errors import BadCommand
from bot.settings import WorkspaceKey

_USER = re.compile(r"<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>|([UW][A-Z0-9]{2,30})")
_GROUP = re.compile(r"<!subteam\^(S[A-Z0-9]{2,30})(?:\|[^>]*)?>|(S[A-Z0-9]{2,30})")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]{2,30})(?:\|[^>]*)?>|([CG][A-Z0-9]{2,30})")
_DURATION = re.compile(r"(\d{1,7})\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)?", re.IGNORECASE)
_UNIT = {"h": 60, "d": 24 * 60}
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,3}))?\s*([km])?", re.IGNORECASE)
_TOKEN = re.compile(r"<[^>]*>|[^\s,<]+")
_NO_LIMIT = {"none", "off", "no limit", "unlimited", "0"}
_NO_CHANNEL = {"dm", "none", "off", "requester", "the requester's dm"}
_MAX_APPROVERS = 100
T = TypeVar("T")


@dataclass(frozen=True)
class Parsed:
    """A value in its stored form, and a note on how it was read ("EST taken as …")."""

    value: str
    note: str = ""


def parse_value(key: WorkspaceKey, text: str, *, tz: str) -> Parsed:
    """`text` for `key`, in the form it is stored; BadCommand with an example when it isn't one.
    `tz` is the workspace's time zone (times typed without one are in it)."""
    typed = " ".join(text.split())
    if not typed:
        raise BadCommand(f"Give a value for {key.name}.", hint=_try(key))
    match key.field:
        case "approvers":
            return Parsed(_approvers(typed, key))
        case "approval_channel":
            return Parsed(_channel(typed, key))
        case "tz":
            try:
                zone, note = read_zone(typed)
            except BadCommand as error:
                raise BadCommand(error.message, hint=_try(key)) from None
            return Parsed(zone, note)
        case "correction_window_minutes":
            return Parsed(str(_minutes(typed, key, low=0, high=525_600)))
        case "digest_deadline_minutes":
            return Parsed(str(_minutes(typed, key, low=5, high=24 * 60)))
        case "draft_rate_minutes":
            return Parsed(str(_minutes(typed, key, low=1, high=24 * 60)))
        case "digest_time":
            when = _read(lambda: parse_time(typed, default_tz=tz), key)
            if when.tz != tz:
                raise BadCommand(
                    "New digests start in the desk's time zone; give the time alone.",
                    hint=f"Try: settings digest-time {when.hour:02d}:{when.minute:02d}",
                )
            return Parsed(f"{when.hour:02d}:{when.minute:02d}")
        case "digest_days":
            return Parsed(_read(lambda: parse_days(typed), key))
        case "digest_quiet":
            return Parsed(_choice(typed, key, "line", "nothing"))
        case "digest_on_deadline":
            return Parsed(_choice(typed, key, "facts", "nothing"))
        case "quiet_hours":
            if typed.casefold() in {"off", "none"}:
                return Parsed("")
            window = _read(lambda: parse_quiet_window(typed, default_tz=tz), key)
            clock = f"{_clock(window.start_minute)}-{_clock(window.end_minute)}"
            return Parsed(clock if window.tz == tz else f"{clock} {window.tz}", window.note)
        case "llm_calls_per_day":
            return Parsed(str(_amount(typed, key, high=1_000_000)))
        case "drafts_per_person":
            return Parsed(str(_amount(typed, key, high=10_000)))
        case "llm_tokens_per_day":
            return Parsed(str(_amount(typed, key, high=10_000_000_000)))
    raise BadCommand(f"{key.name} can't be changed here.")  # a key added without a reader


def typed_form(key: WorkspaceKey, value: str) -> str:
    """A stored value as one would type it again (`parse_value` reads it back unchanged)."""
    if key.field == "approvers":
        return " ".join(part for part in value.split(",") if part) or "none"
    if key.field == "approval_channel":
        return value or "dm"
    if key.field == "quiet_hours":
        return value or "off"
    if key.field in {"llm_calls_per_day", "llm_tokens_per_day", "drafts_per_person"}:
        return "none" if value in {"", "0"} else value
    return value


def _try(key: WorkspaceKey) -> str:
    return f"Try: settings {key.name} {key.example}"


def _read(read: Callable[[], T], key: WorkspaceKey) -> T:
    try:
        return read()
    except BadCommand as error:
        raise BadCommand(error.message, hint=_try(key)) from None


def _approvers(typed: str, key: WorkspaceKey) -> str:
    if typed.casefold() == "none":
        return ""
    found: list[str] = []
    for token in _TOKEN.findall(typed):  # a mention's label may hold spaces: one token
        if token.casefold() in {"and", "&"}:
            continue
        person, group = _USER.fullmatch(token), _GROUP.fullmatch(token)
        matched = person or group
        if matched is None:
            raise BadCommand(
                f"“{token[:40]}” isn't a member or a user group I can read.",
                hint="Give member IDs (U…: a profile's ⋯ menu, Copy member ID) and user group "
                "IDs (S…), or pick people in the Home tab's settings form: "
                "settings approvers U0123ABCD S0456EFGH",
            )
        found.append(matched.group(1) or matched.group(2))
    ids = list(dict.fromkeys(found))
    if not ids:
        raise BadCommand("Who approves?", hint=_try(key))
    if len(ids) > _MAX_APPROVERS:
        raise BadCommand(f"At most {_MAX_APPROVERS} approvers; name a user group instead.")
    return ",".join(ids)


def _channel(typed: str, key: WorkspaceKey) -> str:
    if typed.casefold() in _NO_CHANNEL:
        return ""
    found = _CHANNEL.fullmatch(typed)
    if found is None:
        raise BadCommand(
            f"“{typed[:40]}” isn't a channel I can read.",
            hint="Give its ID (C…: the foot of the channel's details), say dm for the "
            "requester's direct messages, or pick it in the Home tab's settings form: "
            "settings approval-channel C0123ABCD",
        )
    return found.group(1) or found.group(2)


def _minutes(typed: str, key: WorkspaceKey, *, low: int, high: int) -> int:
    found = _DURATION.fullmatch(typed)
    if found is None:
        raise BadCommand(f"“{typed[:40]}” isn't a number of minutes.", hint=_try(key))
    minutes = int(found[1]) * _UNIT.get((found[2] or "m")[0].casefold(), 1)
    if not low <= minutes <= high:
        raise BadCommand(
            f"{key.label} must be from {low:,} to {high:,} minutes (got {minutes:,}).",
            hint=_try(key),
        )
    return minutes


def _amount(typed: str, key: WorkspaceKey, *, high: int) -> int:
    if typed.casefold() in _NO_LIMIT:
        return 0
    found = _AMOUNT.fullmatch(typed)
    if found is None:
        raise BadCommand(
            f"“{typed[:40]}” isn't a number.", hint=f"{_try(key)}, or none for no limit"
        )
    whole, fraction, scale = int(found[1].replace(",", "")), found[2] or "", found[3] or ""
    factor = {"k": 1_000, "m": 1_000_000}.get(scale.casefold(), 1)
    if fraction and factor == 1:
        raise BadCommand(f"“{typed[:40]}” isn't a whole number.", hint=_try(key))
    amount = whole * factor + int(fraction.ljust(3, "0")) * factor // 1000
    if amount > high:
        raise BadCommand(f"{key.label} can be at most {high:,}.", hint=_try(key))
    return amount


def _choice(typed: str, key: WorkspaceKey, *choices: str) -> str:
    if typed.casefold() not in choices:
        raise BadCommand(f"{key.label}: {' or '.join(choices)}?", hint=_try(key))
    return typed.casefold()


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
