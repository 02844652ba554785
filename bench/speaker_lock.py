"""The speaker lock on the gold attribution stories: swapped speakers caught, right ones kept.

`python -m bench.speaker_lock [--min-caught 0.9] [--min-kept 0.95] [--misses]`

For each story with two or more quoted speakers, every gold quote with a speaker becomes a
**right** candidate (the quote, its gold speaker) and a **swapped** one (the quote, the next
quoted speaker of the story, in order of first quote). The story's speakers are the tracked
people, each with its aliases. Figures are printed for `dev` (tests/data/attribution and its
`dev/` folder) and `sealed` (its `sealed/` folder); the gates are scored on sealed. Sealed
misses are never printed, only its counts: tune on dev alone.
"""

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.attribution import DATA, DEV, SEALED, Story, load
from bot.ingest.speaker_lock import SpeakerLock, Tracked

NOT_CAUGHT = "swap not caught"
FOLDERS = {"dev": (DATA, DEV), "sealed": (SEALED,)}


@dataclass(frozen=True)
class Miss:
    file: str
    quote: str
    speaker: str
    kind: str  # "swap not caught", or the kind of problem a right candidate got
    message: str = ""


@dataclass
class Score:
    swapped: int = 0
    caught: int = 0
    right: int = 0
    kept: int = 0
    stories: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def caught_share(self) -> float:
        return self.caught / self.swapped if self.swapped else 1.0

    @property
    def kept_share(self) -> float:
        return self.kept / self.right if self.right else 1.0


def quoted_speakers(story: Story) -> list[str]:
    """The story's speakers who have a gold quote, in order of their first quote."""
    return list(dict.fromkeys(q.speaker for q in story.quotes if q.speaker))


def score_story(story: Story, score: Score) -> None:
    """Add one story's right and swapped candidates to `score` (stories with one speaker skip)."""
    speakers = quoted_speakers(story)
    if len(speakers) < 2:
        return
    score.stories += 1
    tracked = [Tracked(s.name, s.aliases, person=s.kind == "person") for s in story.speakers]
    lock = SpeakerLock(story.text, tracked, speakers=speakers)
    for gold in story.quotes:
        if gold.speaker is None:
            continue
        other = speakers[(speakers.index(gold.speaker) + 1) % len(speakers)]
        score.right += 1
        problem = lock.check(gold.quote, gold.speaker)
        if problem is None:
            score.kept += 1
        else:
            score.misses.append(
                Miss(story.file, gold.quote, gold.speaker, problem.kind, problem.message)
            )
        score.swapped += 1
        if lock.check(gold.quote, other) is not None:
            score.caught += 1
        else:
            score.misses.append(Miss(story.file, gold.quote, other, NOT_CAUGHT))


def evaluate(folders: Sequence[Path]) -> Score:
    """The score over every story of the folders that exist (a missing folder is skipped)."""
    score = Score()
    for folder in folders:
        if (folder / "gold.json").is_file():
            for story in load(folder):
                score_story(story, score)
    return score


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speaker_lock", description=__doc__)
    parser.add_argument("--min-caught", type=float, default=0.0, help="gate on sealed, 0-1")
    parser.add_argument("--min-kept", type=float, default=0.0, help="gate on sealed, 0-1")
    parser.add_argument("--misses", action="store_true", help="print dev's misses")
    args = parser.parse_args(argv)
    scores = {name: evaluate(folders) for name, folders in FOLDERS.items()}
    for name, score in scores.items():
        flagged = Counter(m.kind for m in score.misses if m.kind != NOT_CAUGHT)
        print(
            f"{name:>6}: {score.stories} stories · swapped caught {score.caught}/{score.swapped} "
            f"({score.caught_share:.1%}) · right kept {score.kept}/{score.right} "
            f"({score.kept_share:.1%}; flagged: "
            + (", ".join(f"{kind} {n}" for kind, n in sorted(flagged.items())) or "none")
            + ")"
        )
    if args.misses:
        for miss in scores["dev"].misses:  # never sealed's: it is scored, not tuned on
            said = miss.message or miss.kind
            print(f"  {miss.file}: {miss.speaker} — {said}\n    “{miss.quote[:100]}”")
    sealed = scores["sealed"]
    if not sealed.stories:
        print("sealed: no stories (folder missing); gates not applied")
        return 0
    failed = sealed.caught_share < args.min_caught or sealed.kept_share < args.min_kept
    if failed:
        print(f"sealed below the gate (caught ≥ {args.min_caught:.0%}, kept ≥ {args.min_kept:.0%})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
