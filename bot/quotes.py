"""Pull candidate statements out of an article without an LLM: verbatim quotes and who said them.

Every finding is a *candidate* that a reporter confirms, so the rules favour leaving the speaker
blank over guessing: a wrong attribution puts words in someone's mouth.

How it reads an article:

* A paragraph is one non-blank line. A line that does not end like a sentence (a photo caption,
  a credit such as "REUTERS", a "READ MORE:" teaser) is *furniture*: its quotes are still
  findings, but it only gets same-sentence attributions and it neither feeds nor breaks the
  carry-over rules below.
* Quotes are “curly” or "straight" double quotes, and ‘curly single’ quotes that open after a
  space and close before a non-letter (so the apostrophe in "Putin’s" never opens or closes one).
  An opening “ with no closing mark in its paragraph runs to the end of the paragraph (the
  newspaper convention for quotes that continue into the next paragraph).
* Sentences are split outside quotes only, so a quote holding several sentences stays whole, and
  `“…?” Putin said.` is one sentence.

Attribution, most confident first:

1. Same sentence. A speech verb (said, says, added, told, warned, vowed, …) whose subject is a
   listed speaker: `“…,” Putin said`, `“…” said Putin`, `Putin said Russia “…”`,
   `Andriy Yermak, Zelensky’s chief of staff, said “…”`, or `according to <speaker>`. A quote
   right next to its own attribution takes that one; other quotes in the sentence take the
   sentence's speaker only if every attribution in the sentence agrees. `<Name>’s “…”` makes the
   phrase that name's. An attribution to someone not in the list ("a spokesman said",
   "according to Politico") is a real attribution too: it yields None and blocks the rules below.
2. `he said` / `she added`: the most recent attribution in this paragraph or the two body
   paragraphs before it, unless another listed speaker became the subject of a sentence since.
3. A sentence or paragraph that is nothing but a quote, straight after a sentence whose quotes
   all went to one speaker, continues that speaker.
4. Otherwise None.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.text import normalize_name
from store import Stance

__all__ = ["QuoteFinding", "find_quotes", "guess_stance"]

_MASK = "\ue000"  # stands in for quoted text while reading the words around it


def _words(text: str) -> frozenset[str]:
    """A word set written as one space-separated string, for the readable tables below."""
    return frozenset(text.split())


_SPEECH_VERBS = _words(
    # Past tense and the unambiguous present forms; nouns that look like verbs ("remarks",
    # "states", "terms") are left out on purpose.
    "said says added adds told tells warned warns vowed vows asked asks replied replies "
    "insisted insists claimed claims argued argues stated declared declares announced wrote "
    "writes tweeted posted noted explained explains stressed stresses suggested hinted hints "
    "admitted admits acknowledged promised pledged threatened predicted joked recalled "
    "continued conceded confirmed denied denies cautioned remarked emphasised emphasized "
    "called described dubbed branded labelled labeled termed blamed accused urged responded "
    "countered quipped repeated"
)
# Verbs that can come before their subject straight after a quote: “…,” said Putin.
_INVERSION_VERBS = _words(
    "said says added asked replied continued explained warned insisted wrote noted declared "
    "recalled remarked countered quipped"
)
_VERB_RE = re.compile(
    r"(?<![\w’'\-])(?:" + "|".join(sorted(_SPEECH_VERBS, key=len, reverse=True)) + r")(?![\w’'\-])",
    re.IGNORECASE,
)
# Words allowed between a subject and its verb: "Putin also said", "The Russian President has
# long blamed". Negations are skipped too, but make the attribution void ("Putin did not say").
_AUXILIARIES = _words(
    "also has have had long since repeatedly previously earlier later then once again reportedly "
    "allegedly already often publicly privately recently initially simply quickly firmly flatly "
    "angrily bluntly just today yesterday will would could may might did does do subsequently "
    "further"
)
_NEGATIONS = _words(
    "not never didn’t didn't doesn’t doesn't don’t don't hasn’t hasn't haven’t haven't won’t "
    "won't wouldn’t wouldn't"
)
_PRONOUNS = frozenset({"he", "she"})
# "Ukraine denies it, and said …": the subject is the earlier one; no new attribution.
_ELIDED_SUBJECT = frozenset({"and", "but", "or", "nor"})
# "was called", "when asked", "the said", "so-called": not someone speaking.
_NOT_A_SPEAKER_BEFORE = _words("was were is are be been being when if as the a an to so it’s it's")
# A name right after one of these is not the subject: "an aide to Putin said", "Trump and Putin
# said" (a joint or unclear attribution).
_PREPOSITIONS = _words(
    "to of for with by from about on at like against under behind around than including "
    "alongside near between among toward towards unlike via per without beside besides into onto "
    "over and or nor &"
)
# Capitalised words before ’s that are contractions, not possessors: "It’s “crazy”".
_NOT_POSSESSORS = _words("it that there what here he she who let where how")
# Capitalised sentence openers that are not someone: "Then, …", "In Moscow, …", "It is …".
_NOT_SUBJECTS = _words(
    "the a an this that these those it its they them their we our i you your he she his her him "
    "my me us but and or so yet then in on at by for from with after before during since as "
    "when while if although though however meanwhile still also there here what which who why "
    "how where once now today yesterday earlier later last next some many most all both each "
    "every no not one two three several another other such only even just instead despite amid "
    "over under about against among between into through until unless because whether"
)
_ABBREVIATIONS = _words(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr no vs etc inc ltd co "
    "corp dept est fig approx jan feb mar apr jun jul aug sep sept oct nov dec"
)

_TERMINAL = ".!?…"
_BODY_END = re.compile(r"[.!?…][”\"’')\]]*\s*$")
_TOKEN_TAIL = re.compile(r"([\w’'&]+)\s*$")
_AFTER_QUOTE_GAP = re.compile(r"[\s,;:–—-]*")
_BEFORE_QUOTE_GAP = re.compile(r"\s*[:,]?\s*(?:that\s+)?", re.IGNORECASE)
_MASK_TAIL = re.compile(_MASK + r"\s*[,;:–—-]?\s*$")
_APPOSITIVE_TAIL = re.compile(r",\s*[^," + _MASK + r"]{1,80},\s*$")
_POSSESSIVE_TAIL = re.compile(r"([A-Z][\w\-]*)[’']s\s*$")
_ACCORDING_TO = re.compile(r"(?<!\w)according\s+to\s+", re.IGNORECASE)
_ATTRIBUTION_AHEAD = re.compile(
    r"\s+(?:[\w’'\-]+\s+){0,4}?(?:" + "|".join(_SPEECH_VERBS) + r")(?![\w’'\-])", re.IGNORECASE
)
_SUBJECT_INTRO = re.compile(
    r"(?:[^," + _MASK + r"]{0,60},\s*){0,2}"
    r"(?:(?:but|and|yet|so|still|meanwhile|however)\s*,?\s+)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuoteFinding:
    """One verbatim quote found in an article, with who (if anyone, confidently) said it."""

    quote: str  # exactly the text between the quotation marks, as in the article
    speaker: str | None  # one of the given speaker names, as given, or None when unsure
    sentence: str  # the sentence(s) of the article containing the quote
    paragraph: str  # the whole paragraph (line) containing it
    start: int  # offset of `quote` in the article text


@dataclass(frozen=True)
class _Quote:
    open: int  # paragraph-relative offset of the opening mark
    end: int  # paragraph-relative offset just past the closing mark (or the paragraph's end)
    start: int  # paragraph-relative offset of the quote text
    text: str
    closed: bool


@dataclass(frozen=True)
class _Event:
    """An attribution in a sentence: a speech verb with its subject, or 'according to X'."""

    kind: Literal["speaker", "pronoun", "unknown"]
    speaker: str | None
    start: int  # sentence-relative span of subject + verb, for adjacency to a quote
    end: int


@dataclass(frozen=True)
class _History:
    """What a pronoun may refer back to: an attribution, or a listed speaker as a subject."""

    kind: Literal["speech", "mention"]
    speaker: str | None
    body_index: int


@dataclass(frozen=True)
class _Previous:
    """The sentence before, for continuation quotes."""

    line: int
    body: bool
    last_in_paragraph: bool
    speakers: tuple[str | None, ...]  # one per quote in that sentence


class _Speakers:
    """The known names, matched case-insensitively on word boundaries, longest first."""

    def __init__(self, speakers: Sequence[str]) -> None:
        self._by_key: dict[str, str] = {}
        for name in speakers:
            key = normalize_name(name)
            if key and key not in self._by_key:
                self._by_key[key] = name
        names = sorted(
            (name for name in self._by_key.values() if name.split()), key=len, reverse=True
        )
        self._alternation = "|".join(r"\s+".join(map(_word_pattern, n.split())) for n in names)
        if self._alternation:
            self._tail = re.compile(rf"(?<![\w’'])(?:{self._alternation})\s*$", re.IGNORECASE)
            self._head = re.compile(
                rf"\s*(?:the\s+)?(?:{self._alternation})(?![\w’'])", re.IGNORECASE
            )
            self._possessor = re.compile(
                rf"(?<![\w’'])(?:{self._alternation})[’']s\s*$", re.IGNORECASE
            )

    def _canonical(self, matched: str) -> str | None:
        return self._by_key.get(normalize_name(matched))

    def ending(self, text: str) -> tuple[str, int] | None:
        """The speaker name `text` ends with (longest), and where it starts."""
        if not self._alternation:
            return None
        offset = max(0, len(text) - 200)
        match = self._tail.search(text, offset)
        if match is None:
            return None
        name = self._canonical(match.group().strip())
        return (name, match.start()) if name else None

    def at(self, text: str, pos: int) -> tuple[str, int] | None:
        """The speaker name (optionally after "the") starting at `pos`, and where it ends."""
        if not self._alternation:
            return None
        match = self._head.match(text, pos)
        if match is None:
            return None
        name = self._canonical(re.sub(r"(?i)^\s*the\s+", "", match.group()))
        return (name, match.end()) if name else None

    def possessor(self, text: str) -> str | None:
        """The speaker whose possessive (`Putin’s`) `text` ends with."""
        if not self._alternation:
            return None
        match = self._possessor.search(text, max(0, len(text) - 200))
        if match is None:
            return None
        return self._canonical(match.group().rstrip()[:-2])


def _word_pattern(word: str) -> str:
    """One word of a name as a regex; straight and curly apostrophes match each other."""
    return re.escape(word.replace("’", "'")).replace("'", "['’]")


def _same_person(a: str, b: str) -> bool:
    """Whether two names plausibly name one person: "Putin" and "Vladimir Putin"."""
    words_a, words_b = set(normalize_name(a).split()), set(normalize_name(b).split())
    return words_a <= words_b or words_b <= words_a


# --- Quotes and sentences -------------------------------------------------------------------


def _scan_quotes(para: str) -> list[_Quote]:
    """The quotations in one paragraph, in order, never overlapping."""
    quotes: list[_Quote] = []
    i, n = 0, len(para)
    while i < n:
        ch = para[i]
        before = para[i - 1] if i else " "
        close = -1
        closed = True
        if ch == "“":
            close = para.find("”", i + 1)
            if close < 0:
                close, closed = n, False
        elif ch == '"' and _opens(before, para[i + 1 : i + 2], single=False):
            close = _closing(para, i + 1, '"')
        elif ch == "‘" and _opens(before, para[i + 1 : i + 2], single=True):
            close = _closing(para, i + 1, "’")
        if close < 0:
            i += 1
            continue
        quote = _trimmed(para, i + 1, close, single=ch == "‘")
        if quote is not None:
            start, text = quote
            end = close + 1 if closed else n
            quotes.append(_Quote(open=i, end=end, start=start, text=text, closed=closed))
        i = close + 1
    return quotes


def _opens(before: str, after: str, *, single: bool) -> bool:
    """Whether a straight " or a ‘ between `before` and `after` opens a quotation."""
    if not (before.isspace() or before in "([{—–-/" + ('"“' if single else "")):
        return False
    # ‘90s and ’til are elisions, not quotations: a single quote must open on a letter.
    return after.isalpha() if single else bool(after) and not after.isspace()


def _closing(para: str, pos: int, mark: str) -> int:
    """The closing `mark` from `pos`: not inside a word, not after a space. -1 if none."""
    while (close := para.find(mark, pos)) >= 0:
        after = para[close + 1] if close + 1 < len(para) else " "
        if not after.isalnum() and not para[close - 1].isspace():
            return close
        pos = close + 1
    return -1


def _trimmed(para: str, start: int, end: int, *, single: bool) -> tuple[int, str] | None:
    """The quote text in para[start:end]: outer whitespace and one trailing comma dropped."""
    raw = para[start:end]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    if not text or not any(ch.isalnum() for ch in text):
        return None
    if single and (len(text) < 2 or "‘" in text):  # rock ‘n’ roll; an unmatched ‘ inside
        return None
    return start + lead, text


def _masked(para: str, quotes: Sequence[_Quote]) -> str:
    """The paragraph with every quotation (marks included) blanked out, same length."""
    chars = list(para)
    for q in quotes:
        chars[q.open : q.end] = _MASK * (q.end - q.open)
    return "".join(chars)


def _starts_sentence(masked: str, pos: int) -> bool:
    match = re.match(r"\s+(\S)", masked[pos:])
    if match is None:
        return False
    first = match.group(1)
    return first.isupper() or first.isdigit() or first in _MASK + '("“‘'


def _sentence_spans(masked: str, quotes: Sequence[_Quote]) -> list[tuple[int, int]]:
    """Sentence boundaries of a paragraph, found outside quotations only."""
    cuts: set[int] = set()
    for match in re.finditer(r"[.!?…]+[)\]]*", masked):
        end = match.end()
        if not _starts_sentence(masked, end):
            continue
        if match.group().startswith("."):
            word = re.search(r"([\w]+)$", masked[: match.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        cuts.add(end)
    for q in quotes:
        if not q.closed or not q.text.rstrip("”’\"')").endswith(tuple(_TERMINAL)):
            continue
        if _starts_sentence(masked, q.end) and not _ATTRIBUTION_AHEAD.match(masked, q.end):
            cuts.add(q.end)
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*sorted(cuts), len(masked)]:
        segment = masked[begin:cut]
        left = begin + len(segment) - len(segment.lstrip())
        right = begin + len(segment.rstrip())
        if right > left:
            spans.append((left, right))
        begin = cut
    return spans


# --- Attribution ----------------------------------------------------------------------------


def _events(sentence: str, speakers: _Speakers) -> list[_Event]:
    """The attributions in one (masked) sentence, in order."""
    events: list[_Event] = []
    for match in _ACCORDING_TO.finditer(sentence):
        found = speakers.at(sentence, match.end())
        if found:
            events.append(_Event("speaker", found[0], match.start(), found[1]))
        else:
            events.append(_Event("unknown", None, match.start(), match.end()))
    for verb in _VERB_RE.finditer(sentence):
        event = _verb_event(sentence, verb, speakers)
        if event is not None:
            events.append(event)
    return sorted(events, key=lambda e: e.start)


def _verb_event(sentence: str, verb: re.Match[str], speakers: _Speakers) -> _Event | None:
    """Who a speech verb belongs to, or None when it is no new attribution."""
    prefix = sentence[: verb.start()].rstrip()
    negated = False
    while (token := _TOKEN_TAIL.search(prefix)) and token.group(1).lower() in (
        _AUXILIARIES | _NEGATIONS
    ):
        negated = negated or token.group(1).lower() in _NEGATIONS
        prefix = prefix[: token.start()].rstrip()
    if not prefix:
        return None
    if _MASK_TAIL.search(prefix):  # “…,” said Putin
        found = speakers.at(sentence, verb.end())
        if verb.group().lower() in _INVERSION_VERBS and found and not negated:
            return _Event("speaker", found[0], verb.start(), found[1])
        return _Event("unknown", None, verb.start(), verb.end())
    subject = _named_subject(prefix, speakers)
    if subject is None and (appositive := _APPOSITIVE_TAIL.search(prefix)):
        subject = _named_subject(prefix[: appositive.start()].rstrip(), speakers)
    if subject is not None:
        name, start = subject
        if name is None or negated:
            return _Event("unknown", None, start, verb.end())
        return _Event("speaker", name, start, verb.end())
    token = _TOKEN_TAIL.search(prefix)
    word = token.group(1).lower() if token else ""
    start = token.start() if token else len(prefix)
    if word in _PRONOUNS:
        kind: Literal["pronoun", "unknown"] = "unknown" if negated else "pronoun"
        return _Event(kind, None, start, verb.end())
    if word in _ELIDED_SUBJECT or word in _NOT_A_SPEAKER_BEFORE:
        return None
    return _Event("unknown", None, start, verb.end())


def _named_subject(prefix: str, speakers: _Speakers) -> tuple[str | None, int] | None:
    """A listed name ending `prefix` (None as name if it is not the subject), and its start."""
    found = speakers.ending(prefix)
    if found is None:
        return None
    name, start = found
    words = re.findall(rf"[\w’'&]+|[,{_MASK}]", prefix[:start])
    if words and words[-1].lower() == "the":
        words.pop()
    if words and words[-1].lower() in _PREPOSITIONS:
        # "Trump and Putin said" is joint; "“yes” and Putin said", ", and Putin said" are not.
        joint = len(words) > 1 and words[-2][:1].isupper()
        if words[-1].lower() not in {"and", "or"} or joint:
            return None, start
    return name, start


def _possessive(sentence: str, quote: _Quote, offset: int, speakers: _Speakers) -> str | None:
    """`Putin’s “special operation”`: the phrase is the possessor's. '' when not possessive."""
    before = sentence[: quote.open - offset]
    match = _POSSESSIVE_TAIL.search(before)
    if match is None or match.group(1).lower() in _NOT_POSSESSORS:
        return ""
    return speakers.possessor(before)


def _subject_mention(sentence: str, speakers: _Speakers) -> tuple[bool, str | None]:
    """Who opens the sentence as its subject, for pronouns to be wary of.

    (True, name) for a listed speaker ("In Moscow, Putin also …"); (True, None) for some other
    capitalised word that may be a person ("Zelensky spoke next."); (False, None) otherwise.
    """
    intro = _SUBJECT_INTRO.match(sentence)
    positions = [intro.end(), 0] if intro and intro.end() else [0]
    for pos in positions:
        found = speakers.at(sentence, pos)
        if found:
            return True, found[0]
    for pos in positions:
        word = re.match(r"[\w’'\-]+", sentence[pos:])
        if word is None:
            continue
        first = word.group()
        lowered = first.lower()
        if first[:1].isupper() and lowered not in _NOT_SUBJECTS and not lowered.endswith("ing"):
            return True, None
    return False, None


def _resolve_pronoun(history: Sequence[_History], body_index: int) -> str | None:
    """The most recent attribution within reach, unless someone else became the subject since."""
    mentioned: list[str] = []
    for entry in reversed(history):
        if body_index - entry.body_index > 2:
            return None
        if entry.kind == "mention":
            if entry.speaker is None:  # someone unlisted may be "he" now
                return None
            mentioned.append(entry.speaker)
            continue
        if entry.speaker is None:
            return None
        if any(not _same_person(other, entry.speaker) for other in mentioned):
            return None
        return entry.speaker
    return None


def find_quotes(text: str, *, speakers: Sequence[str]) -> list[QuoteFinding]:
    """Every quotation in `text`, verbatim, with its speaker from `speakers` or None.

    `speakers` holds the known names and aliases; a finding's speaker is one of them exactly as
    given. See the module docstring for the rules; anything they do not cover gives None.
    """
    index = _Speakers(speakers)
    findings: list[QuoteFinding] = []
    history: list[_History] = []
    previous: _Previous | None = None
    body_index = -1
    for line_no, line in enumerate(re.finditer(r"[^\r\n]*\S[^\r\n]*", text)):
        raw = line.group()
        para_start = line.start() + len(raw) - len(raw.lstrip())
        para = raw.strip()
        body = bool(_BODY_END.search(para))
        if body:
            body_index += 1
        quotes = _scan_quotes(para)
        masked = _masked(para, quotes)
        spans = _sentence_spans(masked, quotes)
        for number, (s_start, s_end) in enumerate(spans):
            sentence = masked[s_start:s_end]
            in_sentence = [q for q in quotes if s_start <= q.open < s_end]
            events = _events(sentence, index)
            resolved: list[str | None] = []
            spoken: list[_History] = []
            for event in events:
                if event.kind == "pronoun":  # earlier attributions in this sentence count too
                    who = _resolve_pronoun([*history, *spoken], body_index) if body else None
                else:
                    who = event.speaker
                resolved.append(who)
                spoken.append(_History("speech", who, body_index))
            if body:
                mentioned, mention = _subject_mention(sentence, index)
                if mentioned:
                    history.append(_History("mention", mention, body_index))
                history.extend(spoken)
            agreed = resolved[0] if resolved and len(set(resolved)) == 1 else None
            continuation: str | None = None
            quote_only = not re.search(r"\w", sentence.replace(_MASK, ""))
            if body and in_sentence and not events and quote_only and previous is not None:
                follows = (
                    previous.line == line_no
                    if number
                    else previous.line == line_no - 1 and previous.last_in_paragraph
                )
                said = set(previous.speakers)
                if follows and previous.body and len(said) == 1:
                    continuation = next(iter(said))
            speakers_here: list[str | None] = []
            for q in in_sentence:
                who = _attribute(sentence, s_start, q, events, resolved, index)
                if who == "":
                    who = agreed if events else continuation
                speakers_here.append(who)
                findings.append(
                    QuoteFinding(
                        quote=q.text,
                        speaker=who,
                        sentence=para[s_start:s_end],
                        paragraph=para,
                        start=para_start + q.start,
                    )
                )
            if body and continuation is not None and not events:
                history.append(_History("speech", continuation, body_index))
            previous = _Previous(
                line=line_no,
                body=body,
                last_in_paragraph=number == len(spans) - 1,
                speakers=tuple(speakers_here),
            )
    return findings


def _attribute(
    sentence: str,
    offset: int,
    quote: _Quote,
    events: Sequence[_Event],
    resolved: Sequence[str | None],
    speakers: _Speakers,
) -> str | None:
    """The speaker from an attribution touching the quote; '' when nothing touches it."""
    possessor = _possessive(sentence, quote, offset, speakers)
    if possessor != "":
        return possessor
    open_at, end_at = quote.open - offset, quote.end - offset
    for event, who in zip(events, resolved, strict=True):  # “…,” Putin said
        if event.start >= end_at and _AFTER_QUOTE_GAP.fullmatch(sentence, end_at, event.start):
            return who
    for event, who in zip(events, resolved, strict=True):  # Putin said: “…”
        if event.end <= open_at and _BEFORE_QUOTE_GAP.fullmatch(sentence, event.end, open_at):
            return who
    return ""


# --- Stance ---------------------------------------------------------------------------------

# A first guess over the quote and its sentence, checked in this order; a reporter edits it.
_OPPOSES = re.compile(
    r"\bwill\s+not\s+agree|\bwon[’']t\s+agree|\brefus|\breject|\boppos|\bnot\s+going\s+to\s+happen"
    r"|\bnever\b|(?:\bnot|\bno\s+longer|n[’']t)\s+(?:\w+\s+)?(?:support|back|agree|accept|endorse)",
    re.IGNORECASE,
)
_UNDECIDED = re.compile(
    r"\b(?:undecided|considering|weighing|not\s+(?:yet\s+)?decided|yet\s+to\s+decide)\b",
    re.IGNORECASE,
)
_UNCLEAR = re.compile(r"\b(?:not\s+clear|unclear|questions)\b", re.IGNORECASE)
_SUPPORTS = re.compile(
    r"\b(?:support\w*|backs?|backed|backing|agree[sd]?|agreeing|correct|endorse[sd]?|welcome[sd]?"
    r"|in\s+favou?r)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:but|only\s+if|only\s+on|on\s+condition|provided\s+that|as\s+long\s+as|unless)\b",
    re.IGNORECASE,
)


def _mostly_questions(quote: str) -> bool:
    parts = [p for p in re.split(r"(?<=[.!?…])\s+", quote.strip()) if p]
    asked = sum(1 for p in parts if p.rstrip("”’\"')").endswith("?"))
    return asked * 2 > len(parts)


def guess_stance(finding: QuoteFinding) -> Stance:
    """A keyword guess at the stance a quote expresses, over the quote and its sentence.

    In order: refusal words ("will not agree", "reject", "oppose", "never", "not going to
    happen", a negated "support") → opposes; "undecided"/"considering" → undecided; "not clear",
    "questions" or a quote that is mostly questions → unclear; support words ("support", "back",
    "agree", "correct") with a condition ("but", "only if", "on condition", "provided that",
    "as long as") → conditional, without → supports; anything else → unclear.
    """
    text = (
        finding.sentence
        if finding.quote in finding.sentence
        else (f"{finding.quote} {finding.sentence}")
    )
    if _OPPOSES.search(text):
        return Stance.OPPOSES
    if _UNDECIDED.search(text):
        return Stance.UNDECIDED
    if _UNCLEAR.search(text) or _mostly_questions(finding.quote):
        return Stance.UNCLEAR
    if _SUPPORTS.search(text):
        return Stance.CONDITIONAL if _CONDITION.search(text) else Stance.SUPPORTS
    return Stance.UNCLEAR
