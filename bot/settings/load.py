"""Loading Settings for one command: errors name environment variables, as people write them.

A setting only `serve` reads (the HTTP port, its threads, log format…) must not stop the
shell, an export or a backup: for those commands a bad value there falls back to its default.
"""

from typing import Any, get_args

from pydantic import SecretStr, ValidationError

from bot.settings.model import Settings

# Read by `serve` alone (its server, worker pool, logging and scheduler).
SERVE_ONLY = frozenset(
    {
        "port",
        "http_threads",
        "workers",
        "log_level",
        "log_format",
        "schedule_sync_seconds",
        "alert_poll_seconds",
    }
)
_SHOWN_INPUT = 40  # characters of a rejected value quoted back


class ConfigurationError(ValueError):
    """The environment (or `.env`) holds a value Standpoint can't use; the message says which."""


def load_settings(*, serving: bool = False) -> Settings:
    """Settings from the environment and `.env`, checked for the command about to run."""
    try:
        return Settings()
    except ValidationError as error:
        problems = error.errors()
        keys = [str(problem["loc"][0]) for problem in problems if problem["loc"]]
        if serving or not keys or any(_field(key) not in SERVE_ONLY for key in keys):
            raise ConfigurationError(describe(error)) from error
    # Only serve's settings are wrong: the values given here outrank the environment's.
    defaults = {key: Settings.model_fields[_field(key)].default for key in keys}
    return Settings(**defaults)


def describe(error: ValidationError) -> str:
    """Every problem in one line: `PORT must be a whole number (got 'abc')`."""
    return "; ".join(_sentence(problem) for problem in error.errors())


def env_name(field: str) -> str:
    """The environment variable that sets `field` (STANDPOINT_TZ for tz, PORT for port)."""
    alias = Settings.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else field.upper()


def _field(key: str) -> str:
    """The field an error's location names (its alias, or the field itself)."""
    for name, info in Settings.model_fields.items():
        if key in {name, info.validation_alias}:
            return name
    return key


def _sentence(problem: Any) -> str:
    key = str(problem["loc"][0]) if problem["loc"] else ""
    field = _field(key)
    name = env_name(field) if field in Settings.model_fields else key.upper() or "A setting"
    kind, context = problem["type"], problem.get("ctx") or {}
    if kind == "value_error":  # our own validators' words, without pydantic's prefix
        return f"{name}: {context.get('error', problem['msg'])}"
    wants = {
        "int_parsing": "must be a whole number",
        "int_from_float": "must be a whole number",
        "float_parsing": "must be a number",
        "bool_parsing": "must be true or false",
        "greater_than_equal": f"must be at least {_number(context.get('ge'))}",
        "greater_than": f"must be more than {_number(context.get('gt'))}",
        "less_than_equal": f"must be at most {_number(context.get('le'))}",
        "less_than": f"must be less than {_number(context.get('lt'))}",
        "literal_error": f"must be {context.get('expected')}",
    }.get(kind, problem["msg"][:1].lower() + problem["msg"][1:])
    return f"{name} {wants}{_got(field, problem.get('input'))}"


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _got(field: str, value: object) -> str:
    info = Settings.model_fields.get(field)
    secret = info is None or SecretStr in (info.annotation, *get_args(info.annotation))
    if secret or not isinstance(value, str):
        return ""  # a secret is never quoted back, even a malformed one
    shown = value if len(value) <= _SHOWN_INPUT else f"{value[:_SHOWN_INPUT]}…"
    return f" (got {shown!r})"
