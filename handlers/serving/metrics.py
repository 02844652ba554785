"""Prometheus metrics at /metrics: ack latency, LLM calls, drafts by status, digests.

Request and LLM figures are this process's own; drafts and digests are read from the
database at scrape time, so every replica reports the same (true) totals.
"""

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func
from sqlmodel import select

from store import DigestRun, Draft, unit_of_work

ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
LLM_BUCKETS = (0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0, 60.0)


class Metrics:
    """One registry per app: the request/LLM instruments and the database collector."""

    def __init__(self, *, engine: Engine) -> None:
        self.registry = CollectorRegistry()
        self.ack_seconds = Histogram(
            "standpoint_ack_seconds",
            "Time from a Slack request to its HTTP response.",
            ["kind"],
            buckets=ACK_BUCKETS,
            registry=self.registry,
        )
        self.llm_seconds = Histogram(
            "standpoint_llm_seconds",
            "LLM call duration.",
            buckets=LLM_BUCKETS,
            registry=self.registry,
        )
        self.llm_failures = Counter(
            "standpoint_llm_failures_total",
            "LLM calls that gave no usable answer.",
            ["kind"],
            registry=self.registry,
        )
        self.registry.register(_StoreCollector(engine))

    def observe_llm(self, seconds: float, failure: str | None) -> None:
        """Record one LLM call (the LLM client's observer)."""
        self.llm_seconds.observe(seconds)
        if failure is not None:
            self.llm_failures.labels(kind=failure).inc()

    def exposition(self) -> bytes:
        """The Prometheus text format."""
        return generate_latest(self.registry)


class _StoreCollector(Collector):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        drafts = GaugeMetricFamily("standpoint_drafts", "Drafts by status.", labels=["status"])
        digests = GaugeMetricFamily(
            "standpoint_digest_runs", "Digest slots by outcome.", labels=["status"]
        )
        # Deployment-wide counts for the operator (no newsroom's content).
        with unit_of_work(self.engine, every_tenant=True) as session:
            for status, count in session.exec(
                select(Draft.status, func.count()).group_by(Draft.status)
            ):
                drafts.add_metric([str(getattr(status, "value", status))], count)
            for status, count in session.exec(
                select(DigestRun.status, func.count()).group_by(DigestRun.status)
            ):
                digests.add_metric([status], count)
        yield drafts
        yield digests
