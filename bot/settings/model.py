"""Configuration from the environment (and `.env`), validated at start-up."""

from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.settings.values import clock_time, cron_days, quiet_window


class Settings(BaseSettings):
    """Every setting Standpoint reads. Secrets are SecretStr so they never print."""

    # An empty value (`OPENAI_API_KEY=` in a copied template) means "not set", for every setting.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", populate_by_name=True, env_ignore_empty=True
    )

    database_url: str = "sqlite:///standpoint.db"
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = None
    # Multi-workspace mode (install by OAuth; see `multi_workspace`), under Bolt's own names.
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    # Fernet keys for the stored Slack tokens, comma-separated: the first encrypts, every one
    # decrypts, so a new key goes first and the old one stays until `standpoint tokens rekey`.
    token_key: SecretStr | None = Field(default=None, validation_alias="STANDPOINT_TOKEN_KEY")
    # The public base URL (https://standpoint.example.com): the OAuth redirect URL is built on it.
    public_url: str | None = Field(default=None, validation_alias="STANDPOINT_PUBLIC_URL")
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    model: str = Field(default="gpt-4o-mini", validation_alias="STANDPOINT_MODEL")
    approvers: str = Field(default="", validation_alias="STANDPOINT_APPROVERS")
    approval_channel: str | None = Field(
        default=None, validation_alias="STANDPOINT_APPROVAL_CHANNEL"
    )
    tz: str = Field(default="UTC", validation_alias="STANDPOINT_TZ")
    # How 03/04/2025 reads: DMY (3 April, the default) or MDY (March 4, US style).
    date_order: str = Field(default="DMY", validation_alias="STANDPOINT_DATE_ORDER")
    command: str = Field(default="/stance", validation_alias="STANDPOINT_COMMAND")
    auto_migrate: bool = Field(default=True, validation_alias="STANDPOINT_AUTO_MIGRATE")
    shell_history: Path = Field(
        default=Path("~/.standpoint_history"), validation_alias="STANDPOINT_HISTORY"
    )
    port: int = 3000
    slack_team_id: str = ""  # comma-separated; when set, other workspaces are refused
    slack_app_id: str = ""  # comma-separated; when set, other apps' requests are refused
    http_threads: int = Field(default=16, ge=1, le=256, validation_alias="STANDPOINT_HTTP_THREADS")
    workers: int = Field(default=8, ge=1, le=256, validation_alias="STANDPOINT_WORKERS")
    log_level: str = Field(default="INFO", validation_alias="STANDPOINT_LOG_LEVEL")
    log_format: Literal["text", "json"] = Field(
        default="text", validation_alias="STANDPOINT_LOG_FORMAT"
    )
    # The shell's log: its terminal shows answers, never log lines (libraries' included).
    log_file: Path = Field(
        default=Path("~/.standpoint.log"), validation_alias="STANDPOINT_LOG_FILE"
    )
    llm_timeout: float = Field(
        default=30.0, gt=0, le=600, validation_alias="STANDPOINT_LLM_TIMEOUT"
    )
    llm_retries: int = Field(default=2, ge=0, le=10, validation_alias="STANDPOINT_LLM_RETRIES")
    draft_ttl_hours: float = Field(
        default=24.0, gt=0, validation_alias="STANDPOINT_DRAFT_TTL_HOURS"
    )
    # How long a reporter may retract or correct a position they recorded themselves;
    # approvers may retract or correct any position at any time.
    correction_window_minutes: int = Field(
        default=1440, ge=0, le=525_600, validation_alias="STANDPOINT_CORRECTION_WINDOW_MINUTES"
    )
    fetch_allow_private: bool = Field(
        default=False, validation_alias="STANDPOINT_FETCH_ALLOW_PRIVATE"
    )
    # How often each scheduler re-reads the schedules: a change made through another replica
    # takes effect in every scheduler within this many seconds (bounded to a minute).
    schedule_sync_seconds: int = Field(
        default=30, ge=1, le=60, validation_alias="STANDPOINT_SCHEDULE_SYNC_SECONDS"
    )

    # Alerts: how often each process looks for waiting alerts, and how long a burst may keep
    # arriving before it is sent as one message (the first alert never waits over 40 s).
    alert_poll_seconds: float = Field(
        default=5, ge=0.2, le=30, validation_alias="STANDPOINT_ALERT_POLL_SECONDS"
    )
    alert_settle_seconds: float = Field(
        default=10, ge=0, le=30, validation_alias="STANDPOINT_ALERT_SETTLE_SECONDS"
    )
    # Where the shell writes `chart` PNGs; unset: a charts/ folder under the current directory.
    chart_dir: Path | None = Field(default=None, validation_alias="STANDPOINT_CHART_DIR")
    # Who a chart's source line credits after "Source: Standpoint position records · as of …".
    chart_credit: str = Field(default="", validation_alias="STANDPOINT_CHART_CREDIT")
    # Days a newsroom's data is kept after it uninstalls the app (multi-workspace mode); then
    # the purge job deletes it. A reinstall before then cancels the purge.
    retention_days: int = Field(
        default=30, ge=0, le=3650, validation_alias="STANDPOINT_RETENTION_DAYS"
    )

    # Defaults for each workspace, which its admins or approvers may change with
    # `/stance settings` (see bot/settings/workspace.py): a new digest's schedule, the quiet
    # hours of a follower who set none, and what the language model may spend.
    digest_time: str = Field(default="07:00", validation_alias="STANDPOINT_DIGEST_TIME")
    digest_days: str = Field(default="mon-fri", validation_alias="STANDPOINT_DIGEST_DAYS")
    digest_quiet: Literal["line", "nothing"] = Field(
        default="line", validation_alias="STANDPOINT_DIGEST_QUIET"
    )
    digest_deadline_minutes: int = Field(
        default=120, ge=5, le=1440, validation_alias="STANDPOINT_DIGEST_DEADLINE_MINUTES"
    )
    digest_on_deadline: Literal["facts", "nothing"] = Field(
        default="nothing", validation_alias="STANDPOINT_DIGEST_ON_DEADLINE"
    )
    quiet_hours: str = Field(default="", validation_alias="STANDPOINT_QUIET_HOURS")
    # 0 is no limit. Calls are counted per workspace and local day, across replicas.
    llm_calls_per_day: int = Field(
        default=500, ge=0, le=1_000_000, validation_alias="STANDPOINT_LLM_CALLS_PER_DAY"
    )
    llm_tokens_per_day: int = Field(
        default=0, ge=0, le=10_000_000_000, validation_alias="STANDPOINT_LLM_TOKENS_PER_DAY"
    )
    drafts_per_person: int = Field(
        default=10, ge=0, le=10_000, validation_alias="STANDPOINT_DRAFTS_PER_PERSON"
    )
    draft_rate_minutes: int = Field(
        default=10, ge=1, le=1440, validation_alias="STANDPOINT_DRAFT_RATE_MINUTES"
    )
    # How stale a replica's copy of a workspace's settings may be: a change takes effect at
    # once on the replica that made it, and on every other within this many seconds.
    settings_refresh_seconds: float = Field(
        default=5, ge=0, le=60, validation_alias="STANDPOINT_SETTINGS_REFRESH_SECONDS"
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, values: Any) -> Any:
        # env_ignore_empty drops "", but spaces or a bare pair of quotes are just as surely a
        # template left blank, and a pasted value often carries a stray space at either end.
        if not isinstance(values, dict):
            return values
        trimmed = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
        return {k: v for k, v in trimmed.items() if not _is_blank(v)}

    @field_validator("shell_history", "log_file")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("tz")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (try Europe/London)") from exc
        return value

    @field_validator("date_order")
    @classmethod
    def _known_date_order(cls, value: str) -> str:
        order = value.strip().upper()
        if order not in {"DMY", "MDY"}:
            raise ValueError(
                f"date order {value[:20]!r} is neither DMY nor MDY"
                " (is 03/04/2025 3 April or March 4?)"
            )
        return order

    @field_validator("digest_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        return clock_time(value)

    @field_validator("digest_days")
    @classmethod
    def _cron_days(cls, value: str) -> str:
        return cron_days(value)

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_window(cls, value: str) -> str:
        return quiet_window(value)

    @field_validator("command")
    @classmethod
    def _slash_command(cls, value: str) -> str:
        return value if value.startswith("/") else f"/{value}"

    @property
    def allowed_teams(self) -> frozenset[str]:
        """Workspaces this deployment answers (empty: any)."""
        return frozenset(t.strip() for t in self.slack_team_id.split(",") if t.strip())

    @property
    def allowed_apps(self) -> frozenset[str]:
        """App ids this deployment answers for (empty: any)."""
        return frozenset(a.strip() for a in self.slack_app_id.split(",") if a.strip())

    @property
    def secrets(self) -> list[str]:
        """Every secret value set, for log redaction."""
        values = [
            self.slack_bot_token,
            self.slack_signing_secret,
            self.slack_app_token,
            self.openai_api_key,
            self.slack_client_secret,
            self.token_key,
        ]
        found = [v.get_secret_value() for v in values if v is not None and v.get_secret_value()]
        # Each token key alone too: a log line might hold one key, not the whole list.
        return found + self.token_keys

    @property
    def approver_ids(self) -> frozenset[str]:
        """User ids and user-group ids (S…) allowed to approve and reject drafts."""
        return frozenset(a.strip() for a in self.approvers.split(",") if a.strip())

    @property
    def zone(self) -> ZoneInfo:
        """STANDPOINT_TZ as a ZoneInfo."""
        return ZoneInfo(self.tz)

    @property
    def token_keys(self) -> list[str]:
        """STANDPOINT_TOKEN_KEY's keys, the encrypting one first (empty when unset)."""
        value = self.token_key.get_secret_value() if self.token_key else ""
        return [key.strip() for key in value.split(",") if key.strip()]

    @property
    def multi_workspace(self) -> bool:
        """Installed by OAuth into any number of workspaces: SLACK_CLIENT_ID and
        SLACK_CLIENT_SECRET set and SLACK_BOT_TOKEN not (a bot token means one workspace)."""
        return (
            self.slack_client_id is not None
            and self.slack_client_secret is not None
            and self.slack_bot_token is None
        )

    @property
    def has_slack_credentials(self) -> bool:
        """True when the bot can talk to Slack (HTTP or Socket Mode, one or many workspaces)."""
        return (self.slack_bot_token is not None or self.multi_workspace) and (
            self.slack_signing_secret is not None or self.slack_app_token is not None
        )


def _is_blank(value: object) -> bool:
    return isinstance(value, str) and value.strip("\"' ") == ""
