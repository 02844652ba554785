"""The speaker lock: does the article support who a model says spoke a quote?

A model's quote is proven verbatim elsewhere; its speaker is not. The offline extractor reads
the article once; a candidate whose words it credits to someone else, or whose speaker the
article does not name near the words, gets a problem the reporter must resolve.
"""

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.ingest.attribution import QuoteFinding, find_quotes
from bot.ingest.attribution.cues import TITLES
from bot.ingest.attribution.sentences import paragraphs
from bot.text import normalize_name, normalize_quote

OTHER_SPEAKER = "other_speaker"
SPEAKER_NOT_NAMED = "speaker_not_named"
_MIN_CONTAINED_WORDS = 3  # a shorter finding inside a candidate's quote may be elsewhere


@dataclass(frozen=True)
class Tracked:
    """One person or body the desk tracks: its name and every alias, and whether a person."""

    name: str
    aliases: tuple[str, ...] = ()
    person: bool = True


@dataclass(frozen=True)
class Problem:
    """Why a candidate's speaker is not supported by the article."""

    kind: str  # OTHER_SPEAKER or SPEAKER_NOT_NAMED
    message: str


class SpeakerLock:
    """One article read once; `check` each candidate's (quote, speaker) against it."""

    def __init__(self, text: str, tracked: Sequence[Tracked], speakers: Iterable[str] = ()):
        self._people: dict[str, str] = {}  # normalised name -> the person's display name
        self._persons: set[str] = set()  # display names of people (surnames may name them)
        self._names: dict[str, list[str]] = {}  # display name -> every name it goes by
        for entry in tracked:
            self._add(entry.name, (entry.name, *entry.aliases), person=entry.person)
        for speaker in speakers:
            # An untracked speaker counts too, so the extractor can credit (or abstain on) them.
            if normalize_name(speaker) and self.person(speaker) == speaker:
                self._add(speaker, (speaker,), person=True)
        # Surnames last, and only one person's: "Trump" names nobody when two Trumps are known.
        surnames: dict[str, set[str]] = {}
        for display in self._persons:
            if len(words := display.split()) > 1:
                surnames.setdefault(words[-1], set()).add(display)
        self._shared = {normalize_name(s) for s, owners in surnames.items() if len(owners) > 1}
        for surname, owners in surnames.items():
            if len(owners) == 1:
                self._add(owners.pop(), (surname,), person=True)
        listed = [name for names in self._names.values() for name in names]
        self._findings = find_quotes(text, speakers=listed, aliases=self._names)
        self._text = text
        found = list(paragraphs(text))
        self._starts, self._paragraphs = [p.start for p in found], [p.text for p in found]

    def _add(self, display: str, names: Iterable[str], *, person: bool) -> None:
        kept = self._names.setdefault(display, [])
        for name in names:
            key = normalize_name(name)
            if key and key not in self._people:  # an alias two people share names the first
                self._people[key] = display
                kept.append(name)
        if person:
            self._persons.add(display)

    def person(self, name: str) -> str:
        """The display name of the person `name` names (itself when nobody known)."""
        key = normalize_name(name)
        if key in self._people:
            return self._people[key]
        # "Putin", "President Putin" or "Mr Vladimir Putin" for Vladimir Putin.
        found = {
            display
            for known, display in self._people.items()
            if display in self._persons and _names_one(key, known)
        }
        return found.pop() if len(found) == 1 else name

    @property
    def findings(self) -> list[QuoteFinding]:
        """The extractor's reading: every quotation with its speaker or None."""
        return list(self._findings)

    def check(self, quote: str, speaker: str) -> Problem | None:
        """None when the article supports `speaker` saying `quote`, else the problem."""
        claimed = self.person(speaker)
        found = self._overlapping(quote)
        credited = [self.person(who) for f in found if (who := f.speaker or f.new_speaker)]
        if claimed in credited:
            return None
        if credited:
            return Problem(
                OTHER_SPEAKER, f"the article gives these words to {credited[0]}, not {claimed}"
            )
        if self._named_near(quote, found, claimed, speaker):
            return None
        return Problem(SPEAKER_NOT_NAMED, f"the article does not name {claimed} near these words")

    def _overlapping(self, quote: str) -> list[QuoteFinding]:
        wanted = normalize_quote(quote.strip().strip("“”\"'‘’"))
        found = []
        for finding in self._findings:
            text = normalize_quote(finding.quote)
            if not (text and wanted and (text in wanted or wanted in text)):
                continue
            if wanted in text and _quoted_inside(text, wanted):
                continue  # words one speaker quotes from another are not the first one's
            if wanted in text or len(text.split()) >= _MIN_CONTAINED_WORDS:
                found.append(finding)
        return found

    def _named_near(
        self, quote: str, found: Sequence[QuoteFinding], claimed: str, speaker: str
    ) -> bool:
        at = found[0] if found else None
        span = (at.start, at.end) if at else _locate(self._text, quote)
        if span is None or not self._starts:
            return False
        index = max(bisect.bisect_right(self._starts, span[0]) - 1, 0)
        own = self._blanked(index, span)
        before = self._blanked(index - 1, span) if index > 0 else ""
        mine = self._names_of(claimed, speaker)
        if _PRONOUN.match(own):  # "He told …": the paragraph before may name him
            return claimed in self._named(f"{own} {before}", claimed, mine)
        # The words' own paragraph names the speaker if it names anyone; failing that, the
        # paragraph before introduces them first ("Kelly responded, recalling McSally's …").
        named = self._named(own, claimed, mine)
        if named:
            return claimed in named
        named = self._named(before, claimed, mine)
        return bool(named) and named[0] == claimed

    def _named(self, text: str, claimed: str, mine: set[str]) -> list[str]:
        """The people `text` names (the claimed speaker by any of `mine`), first named first."""
        haystack = f" {normalize_name(text)} "
        hits = [(haystack.find(f" {key} "), claimed) for key in mine]
        # People only: a country or body named beside the words is more often the subject.
        others = [(key, who) for key, who in self._people.items() if who in self._persons]
        hits += [(haystack.find(f" {key} "), who) for key, who in others]
        return list(dict.fromkeys(who for at, who in sorted(hits) if at >= 0))

    def _blanked(self, index: int, span: tuple[int, int]) -> str:
        """Paragraph `index` with every quotation, and the candidate's words, blanked: a name
        inside quoted words is someone spoken about, not the speaker."""
        text, begin = self._paragraphs[index], self._starts[index]
        for start, end in [(f.start, f.end) for f in self._findings] + [span]:
            if begin <= start < begin + len(text):
                at, length = start - begin, end - start
                text = text[:at] + " " * length + text[at + length :]
        return text

    def _names_of(self, claimed: str, speaker: str) -> set[str]:
        names = {speaker, claimed, *self._names.get(claimed, [])}
        if claimed in self._persons:  # a surname names them, never a role alias's last word
            names |= {n.split()[-1] for n in (speaker, claimed) if len(n.split()) > 1}
        keys = {key for n in names if (key := normalize_name(n))}
        return {
            k for k in keys if k not in self._shared and self._people.get(k, claimed) == claimed
        }


_PRONOUN = re.compile(r"\s*(?:he|she|they|his|her|their)\b", re.IGNORECASE)


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `text`, any whitespace matching any whitespace (None: nowhere)."""
    words = quote.strip().strip("“”\"'‘’").split()
    found = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    return found.span() if found else None


def _quoted_inside(outer: str, inner: str) -> bool:
    """Whether `inner` stands in quotation marks of its own inside `outer` (normalised)."""
    at = outer.find(inner)
    return at > 0 and outer[:at].rstrip()[-1:] in "'\""


def _names_one(name: str, known: str) -> bool:
    """Whether `name` is a known name's last words ("Putin"), or that name after titles or
    given names ("President Putin", "President Vladimir Putin"; not "Melania Trump")."""
    words, known_words = name.split(), known.split()
    if len(words) <= len(known_words):
        return bool(words) and known_words[-len(words) :] == words
    extra = words[: -len(known_words)]
    return words[-len(known_words) :] == known_words and (
        len(known_words) > 1 or all(word in TITLES for word in extra)
    )
