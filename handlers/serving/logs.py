"""Logging set-up: one format, Slack libraries kept quiet, secrets never written."""

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from pythonjsonlogger.json import JsonFormatter

# Token shapes Slack and OpenAI issue; redacted even when nobody configured them here.
_TOKEN = re.compile(r"\b(xox[abeprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{16,})")


class RedactSecrets(logging.Filter):
    """Replace configured secrets and anything token-shaped with [redacted]."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = _TOKEN.sub("[redacted]", message)
        for secret in self._secrets:
            clean = clean.replace(secret, "[redacted]")
        if clean != message:
            record.msg, record.args = clean, None
        return True


def configure_logging(
    *, level: str, secrets: Iterable[str], json: bool = False, file: Path | None = None
) -> None:
    """Root logging to stderr, or appended to `file` (JSON lines when asked); Slack
    libraries at WARNING.

    The shell logs to a file: its terminal is for answers, and a library's log line (a
    failed download, say) printed between them reads as one.
    """
    handler: logging.Handler = logging.StreamHandler()
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(file, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()  # an unwritable log must not stop the shell
    if json:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"levelname": "level", "asctime": "time"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # APScheduler's executor logs two lines per job run: every schedule re-read, twice a minute.
    for noisy in ("slack_sdk", "slack_bolt", "waitress.queue", "apscheduler.executors"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
