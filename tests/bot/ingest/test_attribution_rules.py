"""Attribution rules on made-up text: each kind of sentence a reporter pastes, and who said it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.attribution import QuoteFinding, find_quotes, guess_stance
from store import Stance

SPEAKERS = ["Anna Berg", "Berg", "Tomas Lind", "Lind"]


def _said(text: str, speakers: list[str] = SPEAKERS) -> list[tuple[str, str | None]]:
    return [(f.quote, f.speaker) for f in find_quotes(text, speakers=speakers)]


# --- Pronouns are blocked by anyone mentioned since ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # The agent of a passive.
        "“We will not be rushed,” Berg said.\nThe plan was first proposed by Lind. "
        "Last week, he called it “a fair offer.”",
        # An object, tracked.
        "“We will not be rushed,” Berg said. She later phoned Lind.\n“It was fine,” she said.",
        # An object, not tracked: a two-word name mid-sentence.
        "“We will not be rushed,” Berg said. Aides briefed Olaf Petersen.\n“Fine,” he said.",
    ],
)
def test_a_pronoun_after_someone_else_is_mentioned_is_nobody(text: str) -> None:
    assert _said(text)[-1][1] is None


def test_a_pronoun_with_only_the_speaker_in_between_is_theirs() -> None:
    text = "“We will not be rushed,” Berg said.\nBerg left early.\n“It was fine,” she said."
    assert _said(text)[-1] == ("It was fine", "Berg")


# --- Formats ---------------------------------------------------------------------------------


def test_straight_single_quotes_are_quotes() -> None:
    text = "“Talks resume today,” Berg said.\n'We are close,' she admitted."
    assert _said(text) == [("Talks resume today", "Berg"), ("We are close", "Berg")]
    assert _said("'We are not close,' Lind admitted.") == [("We are not close", "Lind")]


def test_hard_wrapped_lines_are_joined_and_offsets_stay_in_the_original() -> None:
    text = (
        "Talks on the fishing quota stalled again on Monday when\n"
        "the delegations left early. “We will not\naccept this deal in its present\n"
        "form,” Berg told reporters, adding that Lind\nhad misread the figures.\n"
    )
    [finding] = find_quotes(text, speakers=SPEAKERS)
    assert finding.speaker == "Berg"
    assert text[finding.start : finding.end] == finding.quote
    assert " ".join(finding.quote.split()) == "We will not accept this deal in its present form"


def test_a_blank_line_still_ends_a_paragraph() -> None:
    text = "Quota talks resume\n\nin Oslo, Berg said, calling them “overdue”."
    [finding] = find_quotes(text, speakers=SPEAKERS)
    assert finding.paragraph == "in Oslo, Berg said, calling them “overdue”."


# --- Grammar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Berg dismissed the report, saying: “It is fiction.”", "It is fiction.", "Berg"),
        ("On Tuesday, Lind rejected the offer, saying it was “an insult”.", "an insult", "Lind"),
        ("Berg retorted, “Not at all.”", "Not at all.", "Berg"),
        ("“It is over,” said former minister Berg.", "It is over", "Berg"),
        (
            "The quota is “too low”, said the Fisheries Minister Tomas Lind.",
            "too low",
            "Tomas Lind",
        ),
        ("The Trade Minister, Anna Berg, said: “We are ready.”", "We are ready.", "Anna Berg"),
        (
            "Tomas Lind of Nordic Fish Partners said the deal was “a start”.",
            "a start",
            "Tomas Lind",
        ),
        ("According to her, “the numbers are wrong”.", "the numbers are wrong", None),
    ],
)
def test_attribution_grammar(text: str, quote: str, speaker: str | None) -> None:
    assert _said(text) == [(quote, speaker)]


def test_a_role_noun_with_one_referent_is_that_speaker() -> None:
    text = (
        "Foreign Minister Anna Berg arrived in Oslo on Monday.\n"
        "The minister said her government “will not budge” on quotas."
    )
    assert _said(text) == [("will not budge", "Anna Berg")]


def test_a_role_noun_with_two_possible_referents_is_nobody() -> None:
    text = (
        "Foreign Minister Anna Berg met Defence Minister Karl Olsen on Monday.\n"
        "The minister said her government “will not budge” on quotas."
    )
    assert _said(text) == [("will not budge", None)]


def test_a_quote_paragraph_after_a_paraphrase_is_the_paraphrased_speakers() -> None:
    text = "Berg said that the deal was dead.\n“There is nothing left to discuss.”"
    assert _said(text) == [("There is nothing left to discuss.", "Berg")]


def test_a_quote_paragraph_after_a_paraphrase_naming_someone_else_is_nobodys() -> None:
    text = "Berg said that the offer from Lind was dead.\n“There is nothing left to discuss.”"
    assert _said(text) == [("There is nothing left to discuss.", None)]


# --- Unknown speakers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "“We reject the claims,” said Elena Varga, the Interior Ministry spokeswoman.",
        "Interior Ministry spokeswoman Elena Varga said “we reject the claims”.",
    ],
)
def test_an_untracked_named_speaker_is_proposed_not_attributed(text: str) -> None:
    [finding] = find_quotes(text, speakers=SPEAKERS)
    assert finding.speaker is None
    assert finding.new_speaker == "Elena Varga"
    assert finding.new_speaker_role == "Interior Ministry spokeswoman"


@pytest.mark.parametrize(
    "text",
    [
        "“No comment,” a spokesman said.",
        "“No comment,” officials said.",
        "The talks were “in trouble”, according to Politico.",
        "The talks were “in trouble”, according to The Nordic Times.",
        "“No comment,” the Interior Ministry said.",
    ],
)
def test_no_new_speaker_for_anonymous_sources_or_outlets(text: str) -> None:
    [finding] = find_quotes(text, speakers=SPEAKERS)
    assert (finding.speaker, finding.new_speaker) == (None, None)


# --- Stance: explicit wording or no guess -----------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "stance"),
    [
        ("We back the plan.", Stance.SUPPORTS),
        ("We welcome this agreement.", Stance.SUPPORTS),
        ("We will support it, but only if the quota rises.", Stance.CONDITIONAL),
        ("We endorse it provided that the fleet is protected.", Stance.CONDITIONAL),
        ("We won't accept this deal.", Stance.OPPOSES),
        ("We are against the tariff.", Stance.OPPOSES),
        ("We reject it outright.", Stance.OPPOSES),
        ("We do not support the plan.", Stance.OPPOSES),
        ("We flew back to the capital last night.", None),
        ("The minister came back the next day.", None),
        ("We will get back to you.", None),
        ("It is a plan backed by the industry.", None),
        ("We do not oppose it.", None),
        ("We had a long meeting.", None),
    ],
)
def test_stance_is_explicit_or_no_guess(quote: str, stance: Stance | None) -> None:
    [finding] = find_quotes(f"Berg said: “{quote}”", speakers=SPEAKERS)
    assert guess_stance(finding) is stance


# --- Properties ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "\n",
        "\n\n",
        " ",
        ",",
        ".",
        ":",
        "?",
        "Berg",
        "Anna Berg",
        "Lind",
        "he",
        "she",
        "said",
        "says",
        "saying",
        "according to",
        "the minister",
        "Elena Varga",
        "We will",
        "not",
        "back",
        "support",
        "x",
        "Minister",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40))
def test_findings_are_verbatim_and_speakers_are_listed(pieces: list[str]) -> None:
    text = "".join(pieces)
    findings = find_quotes(text, speakers=SPEAKERS)
    for finding in findings:
        assert isinstance(finding, QuoteFinding)
        assert text[finding.start : finding.end] == finding.quote
        assert finding.speaker is None or finding.speaker in SPEAKERS
        guess_stance(finding)


# --- More shapes from pasted copy ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A line cannot end on "the": the next line continues it.
        (
            "The Trade Minister, Anna Berg, spoke to the\nPress Club on Monday.\n"
            "“We are ready,” she said.",
            [("We are ready", "Anna Berg")],
        ),
        # A quote opened with “ and closed with a straight mark.
        ('“We lost, but we fought," said Lind.', [("We lost, but we fought", "Lind")]),
        # A headline that names its speaker.
        ("Berg: “We are not done”", [("We are not done", "Berg")]),
        # The reporter's words after an inverted attribution are nobody's.
        (
            "“It was close,” said Lind, who hopes for a “fast recovery” soon.",
            [("It was close", "Lind"), ("fast recovery", None)],
        ),
    ],
)
def test_pasted_copy_shapes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _said(text) == expected


def test_a_role_only_alias_is_the_person_holding_that_role() -> None:
    speakers = [*SPEAKERS, "the Trade Minister"]
    text = (
        "Trade Minister Anna Berg opened the fair.\nThe Trade Minister toured the stands.\n"
        "“We are ready,” she said."
    )
    assert _said(text, speakers)[-1] == ("We are ready", "Anna Berg")


# --- Recall: more ways of saying who spoke ---------------------------------------------------


def test_grouped_aliases_make_a_role_alias_and_a_surname_one_person() -> None:
    speakers = [*SPEAKERS, "the mayor"]
    text = "Lind arrived at noon.\nThe mayor toured the site.\n“It is too early to judge,” he said."
    grouped = {"Tomas Lind": ["Lind", "the mayor"]}
    found = find_quotes(text, speakers=speakers, aliases=grouped)
    assert [(f.quote, f.speaker) for f in found] == [("It is too early to judge", "Tomas Lind")]
    # Another mayor in the article: "the mayor" is no longer surely Lind.
    contested = "Mayor Olaf Petersen met Lind.\n" + text
    found = find_quotes(contested, speakers=speakers, aliases=grouped)
    assert found[-1].speaker is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Quoted by an outlet, after an apposition.
        (
            "“We expect growth,” Anna Berg, chief executive, was quoted by Reuters as saying.",
            [("We expect growth", "Anna Berg")],
        ),
        # "told newsmen that", the quote in the next paragraph.
        (
            "Berg told newsmen that\n\n“The talks will go on.”",
            [("The talks will go on.", "Berg")],
        ),
        ("Lind told newsmen on Monday:\n\n“Nothing is agreed.”", [("Nothing is agreed.", "Lind")]),
        # A participle after a relative clause still has the sentence's subject.
        (
            "Additionally, Berg downplayed the slump, which lasted a week, saying that markets "
            "will be “just fine”.",
            [("just fine", "Berg")],
        ),
        # A present-tense naming verb.
        ("Lind dubs the deal a 'last chance for peace'", [("last chance for peace", "Lind")]),
    ],
)
def test_more_attribution_shapes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _said(text) == expected


def test_a_single_quoted_quote_over_several_paragraphs_is_one_speakers() -> None:
    text = (
        "Lind spoke first.\n\n"
        "‘Prices will fall by spring.\n\n"
        "Wages will rise, and the budget will balance.\n\n"
        "We will not raise taxes,’ Anna Berg said.\n\n"
        "Lind disagreed."
    )
    found = find_quotes(text, speakers=SPEAKERS)
    assert [(f.quote, f.speaker) for f in found] == [
        ("Prices will fall by spring.", "Anna Berg"),
        ("Wages will rise, and the budget will balance.", "Anna Berg"),
        ("We will not raise taxes", "Anna Berg"),
    ]
    assert all(text[f.start : f.end] == f.quote for f in found)


def test_a_headline_quote_before_a_colon_is_the_named_speakers() -> None:
    assert _said("‘We are not done’: Anna Berg\n\nShe spoke.") == [("We are not done", "Anna Berg")]
    # An untracked role after the colon names nobody.
    assert _said("‘We are not done’: Trade Minister\n\nBerg spoke.") == [("We are not done", None)]


@pytest.mark.parametrize(
    "text",
    [
        '"There is no room for a pause," said Foreign Ministry spokeswoman Maria Zakharova.',
        '"There is no room for a pause," Maria Zakharova, the Foreign Ministry spokeswoman, said.',
        'Foreign Ministry spokeswoman Maria Zakharova said: "There is no room for a pause."',
    ],
)
def test_an_untracked_speaker_and_her_role_are_read_in_every_order(text: str) -> None:
    (finding,) = find_quotes(text, speakers=["Vladimir Putin", "Putin"])
    assert finding.speaker is None
    assert finding.new_speaker == "Maria Zakharova"
    assert finding.new_speaker_role == "Foreign Ministry spokeswoman"


@pytest.mark.parametrize(
    "text",
    ['"No," said a spokesman for the Foreign Ministry.', '"Yes," the Interior Ministry said.'],
)
def test_no_person_is_invented_for_an_unnamed_source(text: str) -> None:
    (finding,) = find_quotes(text, speakers=["Vladimir Putin"])
    assert (finding.speaker, finding.new_speaker) == (None, None)
