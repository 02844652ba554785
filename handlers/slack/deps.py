"""What every Slack listener needs, built once at start-up."""

from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.settings import Settings
from handlers.desks import DigestDesk, Dispatcher, DraftDesk
from handlers.serving import Worker


@dataclass(frozen=True)
class SlackDeps:
    settings: Settings
    engine: Engine
    dispatcher: Dispatcher
    worker: Worker
    desk: DraftDesk
    client: WebClient
    digests: DigestDesk
