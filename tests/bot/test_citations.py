"""Citation and verbatim-quote checks on drafts."""

from bot.citations import Problem, check_draft, cited_ids, sentences

QUOTES = {
    1: [
        "agreed with the proposals to cease hostilities… The idea itself is correct, and we certainly support it."
    ],
    3: ["Hopefully they’ll do the right thing"],
}


def test_a_cited_draft_with_verbatim_quotes_passes() -> None:
    body = (
        'Vladimir Putin backs the proposal only on his terms, saying "the idea itself is correct" [#1]. '
        "Donald Trump said “Hopefully they'll do the right thing” [#3]."
    )
    assert check_draft(body, quotes_by_position=QUOTES) == []
    assert cited_ids(body) == [1, 3]


def test_an_uncited_sentence_is_flagged_with_its_text() -> None:
    body = "Putin backs it conditionally [#1]. Russia will surely accept within a week."
    assert check_draft(body, quotes_by_position=QUOTES) == [
        Problem("uncited", "Russia will surely accept within a week.")
    ]


def test_a_hallucinated_quote_is_flagged() -> None:
    body = "Putin said “we will never accept a ceasefire” [#1]."
    assert check_draft(body, quotes_by_position=QUOTES) == [
        Problem("unverified quote", "we will never accept a ceasefire")
    ]


def test_citing_a_position_the_draft_was_not_given_is_flagged() -> None:
    body = "Ukraine agrees [#99]."
    assert Problem("unknown citation", "#99") in check_draft(body, quotes_by_position=QUOTES)


def test_whitespace_and_curly_quotes_do_not_matter() -> None:
    body = 'Trump: "Hopefully  they\'ll   do the right thing" [#3].'
    assert check_draft(body, quotes_by_position=QUOTES) == []


def test_sentences_split_on_full_stops_not_on_citations() -> None:
    assert sentences("One [#1]. Two [#2, #3]! Three? [#1]") == [
        "One [#1].",
        "Two [#2, #3]!",
        "Three? [#1]",
    ]


def test_a_quote_with_full_stops_inside_stays_one_sentence() -> None:
    body = "Putin said “agreed with the proposals to cease hostilities… The idea itself is correct” [#1]."
    assert sentences(body) == [body]
    assert check_draft(body, quotes_by_position=QUOTES) == []
