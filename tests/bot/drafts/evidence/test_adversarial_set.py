"""The whole adversarial set (tests/data/evidence_lock) through the real openai client, the
fake OpenAI-compatible server and a real database: the issue's bar, and no regression."""

from bench.evidence_lock import evaluate, load


def test_the_lock_catches_the_set_and_flags_no_faithful_draft() -> None:
    cases, stores = load()
    assert len([c for c in cases if c["expect"] == "flag"]) >= 60
    report = evaluate(cases, stores)
    assert report.crashed == []
    assert report.false_flags == []
    assert report.catch_rate >= 0.95, report.missed
    assert report.faithful >= 20
