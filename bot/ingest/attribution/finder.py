"""Every quotation in an article, with who (if anyone, confidently) said it.

Attribution, most confident first; a wrong speaker is the error that matters most, so anything
the rules do not cover gives None:

1. Same sentence: a speech verb whose subject is a listed speaker (`“…,” A said`, `“…,” said
   former minister A`, `A said Russia “…”`, `A, an aide, said “…”`, `A dismissed it, saying
   “…”`, `according to A`), or a role noun with one referent in the article (`the minister
   said`). A quote next to its own attribution takes it; other quotes in the sentence take the
   sentence's speaker if every attribution agrees. `<Name>’s “…”` is that name's phrase. An
   attribution to someone unlisted yields None (and the name, when it is a person's).
2. `he said` / `she added` / `they said`: the latest attribution in this paragraph or the two
   body paragraphs before, unless any other person was mentioned since.
3. A paragraph or sentence that is only a quote, straight after a sentence attributed to one
   speaker (quoted or paraphrased, nobody else named after it), continues that speaker.
4. A single-quoted quote over several paragraphs (‘… ¶ … ¶ …,’ A said) is one speaker's.

With `aliases` grouped by person, a role alias and a surname are known to be one person, so a
mention of one does not make "he" ambiguous after the other.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.ingest.attribution import subjects, unlisted
from bot.ingest.attribution.events import (
    ATTRIBUTION_AHEAD,
    ATTRIBUTION_END,
    Event,
    events,
    possessive,
)
from bot.ingest.attribution.marks import MASK, Quote, masked, single_runs, with_run
from bot.ingest.attribution.mentions import people
from bot.ingest.attribution.names import Speakers, is_role, same_person
from bot.ingest.attribution.places import is_place
from bot.ingest.attribution.pronouns import History, last_speaker, resolve_pronoun
from bot.ingest.attribution.roles import role_identities, role_keys, role_referents
from bot.ingest.attribution.sentences import (
    BODY_END,
    Paragraph,
    is_one_line,
    paragraphs,
    sentence_spans,
)

# "“…,” he added" goes on with whoever spoke last, whoever was mentioned in between.
_GOES_ON = re.compile(r"\b(?:added|adds|continued|continues|went\s+on)\b", re.IGNORECASE)
_AFTER_QUOTE_GAP = re.compile(r"[\s,;:–—-]*")
_BEFORE_QUOTE_GAP = re.compile(r"\s*[:,]?\s*(?:that\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class QuoteFinding:
    """One verbatim quote found in an article, with who (if anyone, confidently) said it."""

    quote: str  # exactly the text between the quotation marks, as in the article
    speaker: str | None  # one of the given speaker names, as given, or None when unsure
    sentence: str  # the sentence(s) of the article containing the quote
    paragraph: str  # the whole paragraph containing it
    start: int  # offset of `quote` in the article text
    end: int = -1  # offset just past `quote` in the article text
    new_speaker: str | None = None  # a named person the quote is attributed to, not listed
    new_speaker_role: str | None = None  # their title or apposition, as written


@dataclass(frozen=True)
class _Previous:
    """The sentence before, for continuation quotes."""

    paragraph: int
    body: bool
    last_in_paragraph: bool
    speakers: tuple[str | None, ...]  # one per quote in that sentence
    said: str | None  # the one speaker a quote-less sentence attributes, nobody named after


def find_quotes(
    text: str,
    *,
    speakers: Sequence[str],
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> list[QuoteFinding]:
    """Every quotation in `text`, verbatim, with its speaker from `speakers` or None.

    `aliases` groups names that are one person (canonical name -> its aliases), so "the
    minister" and "Vardhan" are known to be one person when they are.
    """
    index = Speakers(speakers)
    roles = role_referents(text, index)
    identity = {**role_identities(index, roles), **_grouped(index, aliases or {}, roles)}
    findings: list[QuoteFinding] = []
    history: list[History] = []
    previous: _Previous | None = None
    salient: str | None = None  # the one person the sentence just read named
    body_index = -1
    paras = list(paragraphs(text))
    pasted_on_one_line = is_one_line(text)
    runs = single_runs([p.text for p in paras])
    for para_no, paragraph in enumerate(paras):
        para = paragraph.text
        body = bool(BODY_END.search(para) or ATTRIBUTION_END.search(para))
        body_index += body
        quotes = with_run(para, runs.get(para_no))
        blanked = masked(para, quotes)
        spans = sentence_spans(blanked, quotes, ATTRIBUTION_AHEAD, one_line=pasted_on_one_line)
        for number, (s_start, s_end) in enumerate(spans):
            sentence = blanked[s_start:s_end]
            in_sentence = [q for q in quotes if s_start <= q.open < s_end]
            found = events(sentence, index, roles)
            resolved, timeline = _resolve(
                sentence, found, index, identity, history, body_index, body, salient
            )
            salient = subjects.sole_subject(sentence, timeline, index) if body else None
            if body:
                history.extend(timeline)
            agreed = resolved[0] if resolved and len(set(resolved)) == 1 else None
            continuation = None
            quote_only = not re.search(r"\w", sentence.replace(MASK, ""))
            if body and in_sentence and not found and quote_only and previous is not None:
                continuation = _continues(previous, para_no, number)
            speakers_here: list[str | None] = []
            for q in in_sentence:
                who, event = _attribute(sentence, s_start, q, found, resolved, index)
                if event is None and who == "":
                    who = (
                        agreed
                        if found
                        and not subjects.in_relative(sentence, s_start, q, found)
                        and not subjects.someone_between(sentence, s_start, q, found)
                        else None
                    )
                    who = who if found else continuation
                    if found and len(found) == 1 and agreed is None:
                        event = found[0]
                speakers_here.append(who)
                findings.append(
                    QuoteFinding(
                        quote=q.text,
                        speaker=who or None,
                        sentence=para[s_start:s_end],
                        paragraph=para,
                        start=paragraph.start + q.start,
                        end=paragraph.start + q.start + len(q.text),
                        new_speaker=event.new_speaker if event and not who else None,
                        new_speaker_role=event.new_role if event and not who else None,
                    )
                )
            if body and continuation is not None:
                person = identity.get(continuation, continuation)
                history.append(History("speech", continuation, body_index, person))
            previous = _Previous(
                paragraph=para_no,
                body=body,
                last_in_paragraph=number == len(spans) - 1,
                speakers=tuple(speakers_here),
                said=subjects.sole_speaker(timeline) if not in_sentence else None,
            )
    return _whole_names(_one_speaker_per_run(findings, _run_groups(paras, runs)), paras)


def _whole_names(findings: list[QuoteFinding], paras: Sequence[Paragraph]) -> list[QuoteFinding]:
    """A surname alone ("Okafor said") becomes the whole name the article's body gives it;
    one that is a place's name and nobody's ("Moscow said") is no one to propose."""
    body = [p.text for p in paras if BODY_END.search(p.text) or ATTRIBUTION_END.search(p.text)]
    for i, finding in enumerate(findings):
        if finding.new_speaker and (whole := unlisted.whole_name(finding.new_speaker, body)):
            role = finding.new_speaker_role or whole[1]
            findings[i] = replace(finding, new_speaker=whole[0], new_speaker_role=role)
        elif finding.new_speaker and is_place(finding.new_speaker):
            findings[i] = replace(finding, new_speaker=None, new_speaker_role=None)
    return findings


def _run_groups(paras: Sequence[Paragraph], runs: Mapping[int, Quote]) -> list[set[int]]:
    """The article offsets of each multi-paragraph quotation's parts."""
    groups: list[set[int]] = [set()]
    for number in sorted(runs):
        groups[-1].add(paras[number].start + runs[number].start)
        if runs[number].closed:
            groups.append(set())
    return [g for g in groups if g]


def _one_speaker_per_run(
    findings: list[QuoteFinding], groups: Sequence[set[int]]
) -> list[QuoteFinding]:
    """A quote running over paragraphs is one person's: the one its parts name, if only one."""
    for group in groups:
        parts = [i for i, f in enumerate(findings) if f.start in group]
        said = {findings[i].speaker for i in parts} - {None}
        # The closing part carries the quotation's own attribution (‘… ¶ …,’ A said).
        who = findings[parts[-1]].speaker if parts else None
        who = who or (said.pop() if len(said) == 1 else None)
        for i in parts:
            findings[i] = replace(findings[i], speaker=who)
    return findings


def _grouped(
    index: Speakers, aliases: Mapping[str, Sequence[str]], roles: Mapping[str, str | None]
) -> dict[str, str]:
    """Each listed name -> the one person it names, from the caller's alias groups.

    A role-only alias ("the minister") is left to the article when it gives that role to
    someone else too.
    """
    found: dict[str, str] = {}
    for canonical, names in aliases.items():
        listed_names = [n for n in map(index.canonical, (canonical, *names)) if n is not None]
        if not listed_names:
            continue
        person = listed_names[0]  # a name as given: what a pronoun resolves to
        for listed in listed_names:
            if not (is_role(listed) and _contested(listed, canonical, roles)):
                found[listed] = person
    return found


def _contested(role: str, person: str, roles: Mapping[str, str | None]) -> bool:
    keys = role_keys(role.split())
    return any(k in roles and not same_person(roles[k] or "", person) for k in keys)


def _resolve(
    sentence: str,
    found: Sequence[Event],
    index: Speakers,
    identity: Mapping[str, str],
    history: Sequence[History],
    body_index: int,
    body: bool,
    salient: str | None = None,
) -> tuple[list[str | None], list[History]]:
    """Each event's speaker, and the sentence's attributions and mentions in reading order."""
    resolved: list[str | None] = []
    timeline: list[tuple[int, History]] = []
    for start, name in people(sentence, index, [(e.start, e.end) for e in found]):
        person = identity.get(name, name) if name else None
        timeline.append((start, History("mention", name, body_index, person)))
    for event in found:
        if event.kind == "pronoun":
            earlier = [h for at, h in sorted(timeline, key=lambda t: t[0]) if at < event.start]
            timeline_so_far = [*history, *earlier]
            who = resolve_pronoun(timeline_so_far, body_index) if body else None
            if who is None and body and not earlier:
                # "A made the motion. ¶ He said …": the one person the sentence before
                # named is who "he" is, whoever the paragraphs before that named.
                who = salient if salient and not subjects.is_organisation(salient) else None
            if who is None and body and _GOES_ON.search(sentence, event.start, event.end):
                who = last_speaker(timeline_so_far, body_index)
        else:
            who = event.speaker
        resolved.append(who)
        person = identity.get(who, who) if who else None
        timeline.append((event.start, History("speech", who, body_index, person)))
    return resolved, [h for _, h in sorted(timeline, key=lambda t: t[0])]


def _continues(previous: _Previous, para_no: int, number: int) -> str | None:
    """The speaker a quote-only sentence continues, if it directly follows one."""
    follows = (
        previous.paragraph == para_no
        if number
        else previous.paragraph == para_no - 1 and previous.last_in_paragraph
    )
    if not (follows and previous.body):
        return None
    said = set(previous.speakers)
    if len(said) == 1:
        return next(iter(said))
    return previous.said if not previous.speakers else None


def _attribute(
    sentence: str,
    offset: int,
    quote: Quote,
    found: Sequence[Event],
    resolved: Sequence[str | None],
    speakers: Speakers,
) -> tuple[str | None, Event | None]:
    """The speaker (and event) of an attribution touching the quote; '' when none touches it."""
    possessor = possessive(sentence, quote, offset, speakers)
    if possessor != "":
        # `A’s “…”` is A's phrase only where nobody is said to speak: in "B said … A’s “…”
        # strategy" it is B's words about A, or A's slogan; nobody's for sure.
        return (None if found else possessor), None
    open_at, end_at = quote.open - offset, quote.end - offset
    for event, who in zip(found, resolved, strict=True):  # “…,” Putin said
        if event.start >= end_at and _AFTER_QUOTE_GAP.fullmatch(sentence, end_at, event.start):
            return who, event
    for event, who in zip(found, resolved, strict=True):  # Putin said: “…”
        if event.end <= open_at and _BEFORE_QUOTE_GAP.fullmatch(sentence, event.end, open_at):
            return who, event
    return "", None
