"""What every Slack listener needs, built once at start-up."""

from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.settings import Settings
from handlers.commands import Dispatcher
from handlers.desk import DraftDesk
from handlers.digest_desk import DigestDesk
from handlers.worker import Worker


@dataclass(frozen=True)
class SlackDeps:
    settings: Settings
    engine: Engine
    dispatcher: Dispatcher
    worker: Worker
    desk: DraftDesk
    client: WebClient
    digests: DigestDesk
