"""Split the collected stories once, by story, into dev/ and sealed/ (run once; kept for the record).

Usage: python tests/data/attribution/tools/split.py STAGING_DIR...  Each staging dir holds
story .txt files and a gold.json. Stories are grouped by subject, shuffled with a fixed seed,
and 40% of each subject (rounded) go to sealed/. Only counts are printed.
"""

import json
import random
import shutil
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SEED = 20261207
SEALED_SHARE = 0.4


def main(folders: list[str]) -> None:
    stories = []
    for folder in map(Path, folders):
        for entry in json.loads((folder / "gold.json").read_text("utf-8"))["stories"]:
            stories.append((folder, entry))
    names = [e["file"] for _, e in stories]
    assert len(names) == len(set(names)), "two stories share a file name"
    by_subject: dict[str, list] = defaultdict(list)
    for item in sorted(stories, key=lambda s: s[1]["file"]):
        by_subject[item[1]["subject"]].append(item)
    rng = random.Random(SEED)  # noqa: S311 - a reproducible split, not a secret
    parts: dict[str, list] = {"dev": [], "sealed": []}
    for subject in sorted(by_subject):
        group = by_subject[subject]
        rng.shuffle(group)
        cut = round(len(group) * SEALED_SHARE)
        parts["sealed"] += group[:cut]
        parts["dev"] += group[cut:]
    for part, items in parts.items():
        target = HERE / part
        target.mkdir(exist_ok=True)
        for folder, entry in items:
            shutil.copyfile(folder / entry["file"], target / entry["file"])
        gold = {"stories": [entry for _, entry in sorted(items, key=lambda s: s[1]["file"])]}
        (target / "gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8"
        )
        quotes = sum(len(e["quotes"]) for _, e in items)
        named = sum(1 for _, e in items for q in e["quotes"] if q["speaker"])
        print(f"{part}: {len(items)} stories, {quotes} quotes, {named} with a speaker")


if __name__ == "__main__":
    main(sys.argv[1:])
