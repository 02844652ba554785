"""The speaker lock: a model's speaker must be the one the article gives the words to."""

import re
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ingest.speaker_lock import OTHER_SPEAKER, SPEAKER_NOT_NAMED, SpeakerLock, Tracked

ARTICLE = resources.files("seeds").joinpath("seed-article.txt").read_text("utf-8")
SEED_PEOPLE = [
    Tracked("Vladimir Putin", ("Putin", "Russian President")),
    Tracked("Donald Trump", ("Trump",)),
    Tracked("Andriy Yermak", ("Yermak",)),
    Tracked("Ukraine", (), person=False),
]
TRUMP_QUOTE = "It’s not going to happen. We’ll make sure it doesn’t happen,"
PUTIN_QUOTE = "There are issues that we need to discuss. And I think we need to talk"


def seed_lock(*speakers: str) -> SpeakerLock:
    return SpeakerLock(ARTICLE, SEED_PEOPLE, speakers=speakers)


def test_words_the_article_gives_to_someone_else_are_an_other_speaker_problem() -> None:
    problem = seed_lock("Putin").check(TRUMP_QUOTE, "Putin")
    assert problem is not None
    assert problem.kind == OTHER_SPEAKER
    assert problem.message == "the article gives these words to Donald Trump, not Vladimir Putin"


def test_the_speaker_the_article_credits_passes_under_any_of_their_names() -> None:
    lock = seed_lock("Trump", "Donald Trump", "President Trump", "Mr Donald Trump")
    for name in ("Trump", "Donald Trump", "President Trump", "Mr Donald Trump"):
        assert lock.check(TRUMP_QUOTE, name) is None, name
    assert lock.check(PUTIN_QUOTE, "Russian President") is None


def test_a_name_that_only_shares_a_surname_is_someone_else() -> None:
    problem = seed_lock("Melania Trump").check(TRUMP_QUOTE, "Melania Trump")
    assert problem is not None
    assert problem.message == "the article gives these words to Donald Trump, not Melania Trump"


def test_an_untracked_speaker_named_in_the_article_counts() -> None:
    # "according to Andriy Yermak, Volodymyr Zelensky’s chief of staff": Yermak's words.
    lock = seed_lock("Volodymyr Zelensky")
    problem = lock.check("frozen conflict with Russia", "Volodymyr Zelensky")
    assert problem is not None
    assert problem.message == (
        "the article gives these words to Andriy Yermak, not Volodymyr Zelensky"
    )


ABSTAINING = (
    "Talks resumed on Monday in Geneva.\n"
    "Chidi Okafor, the envoy, met the delegation for three hours.\n"
    "“We are closer than we were,” one delegate said afterwards.\n"
    "Separately, Anna Berg flew home.\n"
)
CLOSER = "We are closer than we were,"


def test_when_the_extractor_abstains_the_speaker_must_be_named_near_the_words() -> None:
    lock = SpeakerLock(ABSTAINING, [], speakers=["Chidi Okafor", "Anna Berg", "Bo Lind"])
    assert lock.check(CLOSER, "Chidi Okafor") is None  # named in the paragraph before
    assert lock.check(CLOSER, "Okafor") is None  # by surname
    missing = lock.check(CLOSER, "Bo Lind")
    assert missing is not None
    assert missing.kind == SPEAKER_NOT_NAMED
    assert missing.message == "the article does not name Bo Lind near these words"
    later = lock.check(CLOSER, "Anna Berg")  # named, but only after the words
    assert later is not None
    assert later.kind == SPEAKER_NOT_NAMED


def test_a_paragraph_that_names_someone_else_beside_the_words_is_theirs() -> None:
    text = (
        "Coach Bo Lind said his side had been robbed.\n"
        "Anna Berg, who conceded the penalty, said the game felt “rehearsed”.\n"
    )
    lock = SpeakerLock(text, [], speakers=["Bo Lind", "Anna Berg"])
    assert lock.check("rehearsed", "Anna Berg") is None
    other = lock.check("rehearsed", "Bo Lind")  # named, but only in the paragraph before
    assert other is not None
    assert other.kind == SPEAKER_NOT_NAMED


def test_words_alone_in_a_paragraph_are_the_first_person_named_before() -> None:
    text = (
        "Kelly answered by recalling Berg's attack on Lind two years ago.\n"
        "“It didn't take long for the senator to attack my patriotism.”\n"
    )
    lock = SpeakerLock(text, [], speakers=["Mark Kelly", "Anna Berg", "Bo Lind"])
    words = "It didn't take long for the senator to attack my patriotism."
    assert lock.check(words, "Mark Kelly") is None
    for other in ("Anna Berg", "Bo Lind"):
        problem = lock.check(words, other)
        assert problem is not None, other


def test_a_paragraph_opening_with_he_reads_on_from_the_one_before() -> None:
    text = (
        "Host Stephen Fry welcomed the crowd.\n"
        "He welcomed guests including Prince William into “the plush womb of the house”.\n"
    )
    lock = SpeakerLock(text, [], speakers=["Stephen Fry", "Prince William", "Bo Lind"])
    assert lock.check("the plush womb of the house", "Stephen Fry") is None
    assert lock.check("the plush womb of the house", "Bo Lind") is not None


def test_a_country_named_beside_the_words_is_not_a_speaker() -> None:
    text = "Anna Berg spoke after the summit.\nOn Ukraine: “The talks are over.”\n"
    tracked = [Tracked("Ukraine", (), person=False), Tracked("Anna Berg", ("Berg",))]
    lock = SpeakerLock(text, tracked, speakers=["Anna Berg", "Bo Lind"])
    assert lock.check("The talks are over.", "Anna Berg") is None
    assert lock.check("The talks are over.", "Bo Lind") is not None


def test_a_name_inside_the_quoted_words_is_not_the_speaker() -> None:
    text = "The meeting ended late.\n“Ask Anna Berg what she promised,” a delegate said.\n"
    lock = SpeakerLock(text, [], speakers=["Anna Berg"])
    problem = lock.check("Ask Anna Berg what she promised,", "Anna Berg")
    assert problem is not None
    assert problem.kind == SPEAKER_NOT_NAMED


def test_words_one_speaker_quotes_from_another_are_not_the_first_speakers() -> None:
    text = (
        "Chidi Okafor recalled the evening.\n"
        "“He told me: ‘You are the striker, you score the goals’ and I believed him,” "
        "Okafor said.\n"
    )
    lock = SpeakerLock(text, [Tracked("Chidi Okafor", ("Okafor",))], speakers=["Anna Berg"])
    whole = "He told me: ‘You are the striker, you score the goals’ and I believed him,"
    assert lock.check(whole, "Chidi Okafor") is None
    inner = lock.check("You are the striker, you score the goals", "Anna Berg")
    assert inner is not None
    assert inner.kind == SPEAKER_NOT_NAMED  # not "the article gives these words to Okafor"


FIRST = ["Anna", "Chidi", "Maria", "Lars", "Priya", "Tomas", "Ines", "Kofi"]
LAST = ["Berg", "Okafor", "Lind", "Moreau", "Sato", "Novak", "Reyes", "Mensah"]
WORDS = ["we", "will", "never", "accept", "talks", "the", "deal", "is", "fair", "now", "later"]
TEMPLATES = [
    "“{quote},” {name} said.",
    "“{quote},” said {name}.",
    "{name} said: “{quote}.”",
    "According to {name}, “{quote}.”",
]
people = st.lists(
    st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=2, max_size=4, unique=True
).filter(lambda names: len({last for _, last in names}) == len(names))
quotes = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(
    lambda words: " ".join(words).capitalize()
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@settings(max_examples=60, deadline=None)
@given(
    people=people,
    said=st.lists(
        st.tuples(st.integers(0, 3), quotes, st.sampled_from(TEMPLATES), st.booleans()),
        min_size=1,
        max_size=6,
    ),
)
def test_the_extractors_own_speaker_never_gets_another_speakers_problem(
    people: list[tuple[str, str]], said: list[tuple[int, str, str, bool]]
) -> None:
    names = [f"{first} {last}" for first, last in people]
    lines = ["Talks went on all day."]
    for who, quote, template, by_surname in said:
        name = names[who % len(names)]
        lines.append(template.format(quote=quote, name=name.split()[-1] if by_surname else name))
    lock = SpeakerLock("\n".join(lines), [Tracked(n, (n.split()[-1],)) for n in names])
    credited = [f for f in lock.findings if f.speaker]
    assert credited or not said  # the templates are ones the extractor reads
    for finding in credited:
        assert finding.speaker is not None
        # Under any of the person's names: as the article gives it, whole, or the surname.
        owner = next(n for n in names if n.endswith(finding.speaker.split()[-1]))
        for name in (finding.speaker, owner, owner.split()[-1]):
            problem = lock.check(finding.quote, name)
            assert problem is None or problem.kind != OTHER_SPEAKER, (finding, name, problem)
        # Anyone who said none of these words is caught when a model gives them these words.
        words = _words(finding.quote)
        sayers = {
            names[who % len(names)]
            for who, quote, _, _ in said
            if _words(quote) in words or words in _words(quote)
        }
        for other in set(names) - sayers - {owner}:
            swapped = lock.check(finding.quote, other)
            assert swapped is not None, (finding, other)
            assert swapped.kind == OTHER_SPEAKER
