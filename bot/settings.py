"""Configuration from the environment (and `.env`), validated at start-up."""

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting Standpoint reads. Secrets are SecretStr so they never print."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = "sqlite:///standpoint.db"
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    model: str = Field(default="gpt-4o-mini", validation_alias="STANDPOINT_MODEL")
    approvers: str = Field(default="", validation_alias="STANDPOINT_APPROVERS")
    approval_channel: str | None = Field(
        default=None, validation_alias="STANDPOINT_APPROVAL_CHANNEL"
    )
    tz: str = Field(default="UTC", validation_alias="STANDPOINT_TZ")
    command: str = Field(default="/stance", validation_alias="STANDPOINT_COMMAND")
    auto_migrate: bool = Field(default=True, validation_alias="STANDPOINT_AUTO_MIGRATE")
    shell_history: Path = Field(
        default=Path("~/.standpoint_history"), validation_alias="STANDPOINT_HISTORY"
    )
    port: int = 3000

    @field_validator("shell_history")
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

    @field_validator("command")
    @classmethod
    def _slash_command(cls, value: str) -> str:
        return value if value.startswith("/") else f"/{value}"

    @property
    def zone(self) -> ZoneInfo:
        """STANDPOINT_TZ as a ZoneInfo."""
        return ZoneInfo(self.tz)

    @property
    def has_slack_credentials(self) -> bool:
        """True when the bot can talk to Slack (HTTP or Socket Mode)."""
        return self.slack_bot_token is not None and (
            self.slack_signing_secret is not None or self.slack_app_token is not None
        )
