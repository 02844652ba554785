"""What every Slack listener needs, built once at start-up."""

from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.settings import Settings, effective_settings
from handlers.desks import DigestDesk, Dispatcher, DraftDesk
from handlers.serving import Worker
from handlers.slack.install.clients import WorkspaceClients


@dataclass(frozen=True)
class SlackDeps:
    settings: Settings
    engine: Engine
    dispatcher: Dispatcher
    worker: Worker
    desk: DraftDesk
    client: WebClient
    digests: DigestDesk
    # Every post made outside a listener asks this for the workspace's client.
    clients: WorkspaceClients

    def current_settings(self) -> Settings:
        """The settings of the workspace in scope: the environment's (`settings`), with its
        own values (`/stance settings`) over them."""
        return effective_settings(engine=self.engine, defaults=self.settings)
