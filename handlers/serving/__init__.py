"""Serving and jobs: HTTP server, request checks, metrics, logs, scheduler, worker pool."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from handlers.serving.logs import configure_logging
    from handlers.serving.metrics import Metrics
    from handlers.serving.scheduler import DigestScheduler
    from handlers.serving.server import create_http_server, make_wsgi_app, socket_mode_handler
    from handlers.serving.startup import settle_heap, warm_up
    from handlers.serving.worker import Worker
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "DigestScheduler",
    "Metrics",
    "Worker",
    "configure_logging",
    "create_http_server",
    "make_wsgi_app",
    "settle_heap",
    "socket_mode_handler",
    "warm_up",
]
