"""Properties of the outgoing guard and of Message serialisation: any text in, nothing live out."""

import re
import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.text import strip_controls
from handlers.blocks.kit import Message, Mrkdwn, context, escape, header, link, mention, section
from handlers.blocks.outgoing import fallback_text, guard, message_body

# Text rich in what matters here: Slack's special characters, its token heads, invisibles.
SLACK = ["<", ">", "&", "|", "!", "@", "#", "^", "channel", "here", "subteam", "U0ALL", "C0ALL"]
LINKS_AND_CONTROLS = ["https://x.example", "mailto:a@b", "\n", "\t", "\r", "\x1b[2J", "\x07"]
INVISIBLE = ["\x85", "\u202e", "\u2066", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041"]
PIECES = st.sampled_from([*SLACK, *LINKS_AND_CONTROLS, *INVISIBLE, "\u061c", "\u2028"])
TEXT = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=3))).map("".join))
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["text", "type"]), inner)
    ),
    max_leaves=12,
)
LIVE_IN_PLAIN = re.compile(r"<(?=[@#!]|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)


def invisible(text: str) -> list[str]:
    return [
        ch for ch in text if unicodedata.category(ch) in {"Cc", "Cf", "Cs"} and ch not in "\n\t"
    ]


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def every_string(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in every_string(item)]
    if isinstance(value, list):
        return [s for item in value for s in every_string(item)]
    return []


@given(TEXT)
def test_any_text_goes_out_with_no_live_token_and_nothing_invisible(text: str) -> None:
    blocks = [header(text), section(escape(text)), context(escape(text))]
    body = message_body(Message(text=text, blocks=blocks))
    assert "<" not in body["text"]  # plain text: escaped whole
    assert not LIVE_IN_PLAIN.search(body["blocks"][0]["text"]["text"])
    for sent in every_string(body):
        assert "<!" not in sent
        assert invisible(sent) == []


@given(TEXT)
def test_the_fallback_text_keeps_its_meaning(text: str) -> None:
    sent = message_body(Message(text=text))["text"]
    assert unescape(sent) == strip_controls(text, keep_lines=True)


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_safe_text_round_trips_unchanged(text: str) -> None:
    safe = text.replace("<", "").replace(">", "").replace("&", "")
    assert message_body(Message(text=safe))["text"] == safe
    assert guard({"type": "plain_text", "text": safe}) == {"type": "plain_text", "text": safe}


@given(JSON)
def test_the_guard_is_idempotent(payload: Any) -> None:
    once = guard(payload)
    assert guard(once) == once


@given(st.from_regex(r"[UW][A-Z0-9]{2,10}", fullmatch=True))
def test_mentions_made_from_slack_ids_stay_live(user_id: str) -> None:
    text = Mrkdwn(f"{escape('<!here> & co')} shared by {mention(user_id)}")
    body = message_body(Message(text=text, blocks=[context(text)]))
    assert body["text"] == f"&lt;!here&gt; &amp; co shared by <@{user_id}>"
    assert body["blocks"][0]["elements"][0]["text"] == body["text"]


def test_only_kit_helpers_make_live_tokens() -> None:
    assert fallback_text(Message(text=f"{Mrkdwn(mention('U0ALICE'))}")) == "&lt;@U0ALICE&gt;"
    assert mention("<!channel>") == "&lt;!channel&gt;"
    assert (
        link("https://example.com/a|b>", "<!here>")
        == "<https://example.com/a%7Cb%3E|&lt;!here&gt;>"
    )
    assert link("@U0ALL", "the story") == "the story"
    assert link("!channel", "<@U0ALL>") == "&lt;@U0ALL&gt;"


def test_a_forgotten_escape_still_pings_nobody() -> None:
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "<@U0ALL> <#C0ALL> <https://x.example|go>"},
        "blocks": [section("<!channel> <!subteam^S0ALL|team> <!here|here>")],
        "private_metadata": '{"a": "<!keep>"}',
    }
    sent = guard(view)
    assert sent["title"]["text"] == "‹@U0ALL> ‹#C0ALL> ‹https://x.example|go>"
    assert sent["blocks"][0]["text"]["text"] == "‹!channel> ‹!subteam^S0ALL|team> ‹!here|here>"
    assert sent["private_metadata"] == view["private_metadata"]  # data Slack hands back


@given(TEXT)
def test_strip_controls_leaves_nothing_invisible(text: str) -> None:
    one_line = strip_controls(text)
    assert invisible(one_line) == []
    assert "\n" not in one_line
    assert "\t" not in one_line
    assert invisible(strip_controls(text, keep_lines=True)) == []
