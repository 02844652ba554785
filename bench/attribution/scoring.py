"""Loading gold stories and scoring the offline extractor's findings against them.

Matching a finding to a gold quote: both are normalised (quotation marks and apostrophes
dropped, other punctuation turned into spaces, whitespace collapsed, case folded). A finding
matches a gold quote when one normalised text contains the other, word for word, and they share
most words: the shared distinct words are at least half the distinct words of the longer one.
Among several matching gold quotes the finding takes the one sharing the most words, then the
one nearest to it in the text (two gold quotes can have the same words). Several findings may
match one gold quote (a quote split in two by the extractor).

* Precision: findings with a speaker whose speaker is right / findings with a speaker. A
  finding with a speaker counts as wrong when it matches no gold quote or its gold speaker is
  null or someone else.
* Recall: gold quotes with a speaker found (by at least one finding) with the right speaker /
  gold quotes with a speaker.
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.ingest.attribution import QuoteFinding, find_quotes

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "attribution"
_MARKS = re.compile(r"[“”„‟\"‘’‚‛'`´«»‹›]")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Speaker:
    name: str
    aliases: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class GoldQuote:
    quote: str
    speaker: str | None
    start: int  # offset of the quote in the story's text
    kinds: tuple[str, ...] = ()  # how the story tells who spoke (see the data README)


@dataclass(frozen=True)
class Story:
    file: str
    url: str
    subject: str
    text: str
    speakers: tuple[Speaker, ...]
    quotes: tuple[GoldQuote, ...]
    outlet: str = ""


@dataclass(frozen=True)
class WrongAttribution:
    file: str
    start: int
    quote: str
    predicted: str
    gold: str | None  # None: the gold speaker is null; "(no gold quote)" when nothing matched
    kinds: tuple[str, ...] = ()  # the matched gold quote's kinds


@dataclass
class StoryResult:
    file: str
    gold_with_speaker: int = 0
    found_right: int = 0
    attributed: int = 0  # findings with a speaker
    attributed_right: int = 0
    wrong: list[WrongAttribution] = field(default_factory=list)
    gold: tuple[GoldQuote, ...] = ()
    found: frozenset[int] = frozenset()  # starts of the gold quotes found with the right speaker

    @property
    def precision(self) -> float:
        return self.attributed_right / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return self.found_right / self.gold_with_speaker if self.gold_with_speaker else 1.0


@dataclass(frozen=True)
class Report:
    stories: tuple[StoryResult, ...]

    @property
    def gold_with_speaker(self) -> int:
        return sum(s.gold_with_speaker for s in self.stories)

    @property
    def found_right(self) -> int:
        return sum(s.found_right for s in self.stories)

    @property
    def attributed(self) -> int:
        return sum(s.attributed for s in self.stories)

    @property
    def attributed_right(self) -> int:
        return sum(s.attributed_right for s in self.stories)

    @property
    def precision(self) -> float:
        return self.attributed_right / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return self.found_right / self.gold_with_speaker if self.gold_with_speaker else 1.0

    @property
    def wrong(self) -> list[WrongAttribution]:
        return [w for s in self.stories for w in s.wrong]


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces, without quotation marks or apostrophes."""
    return " ".join(_NON_WORD.sub(" ", _MARKS.sub("", text)).casefold().split())


def _locate(text: str, quote: str, after: int) -> int:
    """Offset of `quote` in `text` at or after `after` (any whitespace matches any whitespace)."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    found = pattern.search(text, after) or pattern.search(text)
    if found is None:
        raise ValueError(f"gold quote not in the text: {quote!r}")
    return found.start()


def one_line(text: str) -> str:
    """The text as pasted into a one-line command: every run of whitespace one space."""
    return " ".join(text.split())


def load(data: Path = DATA, *, flatten: bool = False) -> list[Story]:
    """The stories of `data`/gold.json with their texts; gold quotes located in order.

    With `flatten`, each text is on one line (as `/stance ingest …` receives it).
    """
    raw = json.loads((data / "gold.json").read_text("utf-8"))
    stories: list[Story] = []
    for entry in raw["stories"]:
        text = (data / entry["file"]).read_text("utf-8")
        if flatten:
            text = one_line(text)
        quotes: list[GoldQuote] = []
        seen: dict[str, int] = {}  # a repeated quote takes its next occurrence
        for item in entry["quotes"]:
            start = _locate(text, item["quote"], seen.get(item["quote"], 0))
            seen[item["quote"]] = start + 1
            kinds = tuple(item.get("kinds", ()))
            quotes.append(GoldQuote(item["quote"], item["speaker"], start, kinds))
        speakers = tuple(
            Speaker(s["name"], tuple(s["aliases"]), s["kind"]) for s in entry["speakers"]
        )
        stories.append(
            Story(
                entry["file"],
                entry["url"],
                entry["subject"],
                text,
                speakers,
                tuple(quotes),
                entry.get("outlet", ""),
            )
        )
    return stories


def _match(finding: QuoteFinding, gold: Sequence[GoldQuote]) -> GoldQuote | None:
    found = normalise(finding.quote)
    found_words = set(found.split())
    best: tuple[int, int, GoldQuote] | None = None
    for quote in gold:
        wanted = normalise(quote.quote)
        if (
            not found
            or not wanted
            or (f" {found} " not in f" {wanted} " and f" {wanted} " not in f" {found} ")
        ):
            continue
        wanted_words = set(wanted.split())
        shared = len(found_words & wanted_words)
        if 2 * shared < max(len(found_words), len(wanted_words)):
            continue
        key = (shared, -abs(quote.start - finding.start), quote)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def score(story: Story, findings: Sequence[QuoteFinding]) -> StoryResult:
    """Compare one story's findings with its gold quotes."""
    full_name = {s.name: s.name for s in story.speakers}
    full_name.update({alias: s.name for s in story.speakers for alias in s.aliases})
    result = StoryResult(story.file, gold=story.quotes)
    result.gold_with_speaker = sum(1 for q in story.quotes if q.speaker is not None)
    found_right: set[int] = set()
    for finding in findings:
        if finding.speaker is None:
            continue
        result.attributed += 1
        predicted = full_name.get(finding.speaker, finding.speaker)
        gold = _match(finding, story.quotes)
        if gold is not None and gold.speaker == predicted:
            result.attributed_right += 1
            found_right.add(gold.start)
            continue
        result.wrong.append(
            WrongAttribution(
                story.file,
                finding.start,
                finding.quote,
                predicted,
                "(no gold quote)" if gold is None else gold.speaker,
                () if gold is None else gold.kinds,
            )
        )
    result.found_right = len(found_right)
    result.found = frozenset(found_right)
    return result


def evaluate(data: Path = DATA, *, flatten: bool = False) -> Report:
    """Run the extractor on every story of `data` (on one line with `flatten`) and score it."""
    results: list[StoryResult] = []
    for story in load(data, flatten=flatten):
        names = [n for s in story.speakers for n in (s.name, *s.aliases)]
        groups = {s.name: s.aliases for s in story.speakers}
        results.append(score(story, find_quotes(story.text, speakers=names, aliases=groups)))
    return Report(tuple(results))
