"""Setting values as people type them: read into their stored form, or refused in words."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.errors import BadCommand
from bot.settings import WORKSPACE_KEYS, Settings, WorkspaceKey, apply_overrides, workspace_key
from bot.workspace import parse_value, typed_form

DEFAULTS = Settings(_env_file=None)  # type: ignore[call-arg]
KEYS = st.sampled_from(WORKSPACE_KEYS)
ZONES = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])
PIECES = st.sampled_from(
    [
        "7",
        "07:30",
        "7am",
        "10pm",
        "to",
        "-",
        "22:00-07:00",
        "min",
        "minutes",
        "hours",
        "h",
        "d",
        "day",
        "k",
        "m",
        "1.5m",
        "500,000",
        "none",
        "off",
        "dm",
        "line",
        "nothing",
        "facts",
        "weekdays",
        "tue,thu",
        "mon-fri",
        "EST",
        "IST",
        "Europe/Berlin",
        "Mars/Base",
        "<@U0EDITOR>",
        "<@U0CHIEF|chief>",
        "<!subteam^S0DESK|@desk>",
        "<#C0APPROVALS|standards>",
        "U0EDITOR",
        "S0DESK",
        "C0APPROVALS",
        "@alice",
        "#standards",
        "0",
        "-5",
        "1440",
        "525601",
        "99999999999999",
        "\x00",
        "\u202e",
        "٣",
        "１２",
    ]
)
TYPED = st.text(max_size=60) | st.lists(PIECES, max_size=5).map(" ".join)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(KEYS, TYPED, ZONES)
@example(workspace_key("llm-calls"), "none", "UTC")
@example(workspace_key("approval-channel"), "dm", "UTC")
@example(workspace_key("quiet-hours"), "10pm to 7am EST", "Europe/Berlin")
def test_a_value_is_stored_as_settings_accept_it_or_refused_in_words(
    key: WorkspaceKey, typed: str, tz: str
) -> None:
    try:
        parsed = parse_value(key, typed, tz=tz)
    except BadCommand as refusal:
        said = refusal.message
    else:
        said = ""
    if said:
        assert said.strip() == said
        assert "Traceback" not in said
        return
    # What is stored validates as Settings does at start-up, and reads back unchanged.
    applied = apply_overrides(DEFAULTS, {"tz": tz, key.field: parsed.value})
    value = getattr(applied, key.field)
    assert ("" if value is None else str(value)) == parsed.value  # already in Settings' form
    again = parse_value(key, typed_form(key, parsed.value), tz=tz)
    assert again.value == parsed.value


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("tz", "europe/berlin", "Europe/Berlin"),
        ("tz", "EST", "America/New_York"),
        ("correction-window", "90", "90"),
        ("correction-window", "2 hours", "120"),
        ("correction-window", "1 day", "1440"),
        ("digest-time", "6:15am", "06:15"),
        ("digest-days", "weekdays", "mon-fri"),
        ("digest-days", "Tuesdays and Fridays", "tue,fri"),
        ("quiet-hours", "10pm to 7am", "22:00-07:00"),
        ("quiet-hours", "23:00-06:00 Asia/Tokyo", "23:00-06:00 Asia/Tokyo"),
        ("quiet-hours", "off", ""),
        (
            "approvers",
            "<@U0EDITOR|ed> <!subteam^S0DESK|@desk>, U0CHIEF U0EDITOR",
            "U0EDITOR,S0DESK,U0CHIEF",
        ),
        ("approvers", "<@U0AB|John Smith> and <!subteam^S0X|@the desk>", "U0AB,S0X"),
        ("approval-channel", "<#C0APPROVALS|standards>", "C0APPROVALS"),
        ("approval-channel", "dm", ""),
        ("llm-calls", "none", "0"),
        ("llm-tokens", "1.5m", "1500000"),
        ("llm-tokens", "500,000", "500000"),
        ("drafts-per-person", "5", "5"),
        ("draft-window", "15 min", "15"),
    ],
)
def test_values_as_people_type_them(name: str, typed: str, stored: str) -> None:
    key = workspace_key(name)
    assert key is not None
    assert parse_value(key, typed, tz="UTC").value == stored


@pytest.mark.parametrize(
    ("name", "typed", "said"),
    [
        ("tz", "Mars/Base", "“Mars/Base” isn't a time zone."),
        ("tz", "IST", "“IST” names more than one time zone"),
        ("correction-window", "abc", "“abc” isn't a number of minutes."),
        ("correction-window", "600000", "Correction window must be from 0 to 525,600 minutes"),
        ("draft-window", "0", "must be from 1 to 1,440 minutes"),
        ("approvers", "@alice", "“@alice” isn't a member or a user group I can read."),
        ("approval-channel", "#standards", "“#standards” isn't a channel I can read."),
        ("llm-calls", "lots", "“lots” isn't a number."),
        ("digest-quiet", "maybe", "line or nothing?"),
        ("digest-time", "7am Europe/Paris", "give the time alone"),
        ("quiet-hours", "22:00-22:00", "different start and end"),
    ],
)
def test_a_bad_value_is_refused_with_what_to_type(name: str, typed: str, said: str) -> None:
    key = workspace_key(name)
    assert key is not None
    with pytest.raises(BadCommand) as refused:
        parse_value(key, typed, tz="UTC")
    assert said in refused.value.message
    assert refused.value.hint


def test_every_key_reads_its_own_example() -> None:
    for key in WORKSPACE_KEYS:
        parse_value(key, key.example, tz="UTC")
