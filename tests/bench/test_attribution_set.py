"""The attribution development set (tests/data/attribution) and the floor the extractor keeps."""

import json
from pathlib import Path

from bench.attribution import DATA, evaluate

# Figures of `python -m bench.attribution` on 2026-11-25 with bot/attribution: 103/103
# attributions right, 103 of the 122 gold quotes with a speaker found (the 630-line
# bot/quotes.py it replaced reached 63/63 and 63/122). Raise these as the extractor improves;
# never lower them.
MIN_PRECISION = 1.0
MIN_RECALL = 0.926
QUOTE_MARKS = "“”\"‘’'"


def test_gold_is_consistent_with_the_texts() -> None:
    stories = json.loads((DATA / "gold.json").read_text("utf-8"))["stories"]
    assert len(stories) >= 20
    assert len({s["file"] for s in stories}) == len(stories)
    for story in stories:
        path: Path = DATA / story["file"]
        assert path.is_file(), story["file"]
        text = path.read_text("utf-8")
        assert story["url"].startswith("http"), story["file"]
        assert story["subject"] in {"elections", "trade", "climate", "health", "business", "sport"}
        names = [s["name"] for s in story["speakers"]]
        every_name = names + [a for s in story["speakers"] for a in s["aliases"]]
        assert len(every_name) == len(set(every_name)), f"{story['file']}: a name given twice"
        assert all(s["kind"] in {"person", "organisation", "government"} for s in story["speakers"])
        assert story["quotes"], story["file"]
        for quote in story["quotes"]:
            assert quote["quote"] in text, f"{story['file']}: {quote['quote']!r}"
            assert quote["quote"][0] not in QUOTE_MARKS, quote["quote"]  # the text inside the marks
            assert quote["speaker"] is None or quote["speaker"] in names, quote["speaker"]


def test_wrapped_copies_are_hard_wrapped_and_keep_the_gold() -> None:
    stories = {s["file"]: s for s in json.loads((DATA / "gold.json").read_text("utf-8"))["stories"]}
    wrapped = [name for name in stories if name.endswith("-wrapped.txt")]
    assert len(wrapped) >= 2
    for name in wrapped:
        original = stories[name.removesuffix("-wrapped.txt") + ".txt"]
        lines = (DATA / name).read_text("utf-8").splitlines()
        assert max(len(line) for line in lines) <= 75
        assert [(" ".join(q["quote"].split()), q["speaker"]) for q in stories[name]["quotes"]] == [
            (" ".join(q["quote"].split()), q["speaker"]) for q in original["quotes"]
        ]


def test_extractor_keeps_its_precision_and_recall() -> None:
    report = evaluate()
    assert report.precision >= MIN_PRECISION, [
        (w.file, w.start, w.predicted, w.gold) for w in report.wrong
    ]
    assert report.recall >= MIN_RECALL
