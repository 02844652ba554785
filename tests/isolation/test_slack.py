"""The two newsrooms as Slack workspaces on one multi-workspace `serve` (install by OAuth), over
real HTTP with signed requests, against the fake Slack Web API.

Alpha's and Bravo's workspaces (team ids ALPHA and BRAVO, the tenants of the desk-level suite)
install the app; then slash commands, button clicks, modal submissions, the message shortcut
and App Home come from Alpha's workspace. Everything Slack received while serving Alpha —
acknowledgements, response_url posts, Web API calls and uploaded files — must show nothing
of Bravo and carry Alpha's bot token only; Bravo's rows must stay as they were. Alerts sent by
the job go to each workspace with its own token and content.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlmodel import select

from handlers.blocks import ADD_CALLBACK
from store import (
    LOCAL_TENANT,
    Actor,
    Position,
    default_tenant,
    set_default_tenant,
    tenant_scope,
    unit_of_work,
)
from tests.fakes import signing
from tests.fakes.slack_api import RESPONSE_URL_METHOD, UPLOAD_METHOD, Call, FakeSlackApi
from tests.fakes.slack_oauth import Workspace
from tests.handlers.slack.install.conftest import InstallServer, multi_workspace_bot
from tests.handlers.slack.test_add_modal import form
from tests.isolation.conftest import Templates, copy_of
from tests.isolation.newsrooms import (
    A_ONLY,
    BRAVO_ONLY,
    NOW,
    SHARED_CHANNEL,
    A,
    B,
    Ids,
    Newsroom,
    changed_tables,
    ids_of,
    leaks,
    multi_workspace,
    snapshot,
)

WORKSPACES = {
    A.tenant: Workspace(
        team_id=A.tenant,
        team_name="Alpha Desk",
        installer=A.admin,
        bot_user_id="U0BOTALPHA",
        bot_id="B0BOTALPHA",
        domain="alphadesk",
    ),
    B.tenant: Workspace(
        team_id=B.tenant,
        team_name="Bravo Desk",
        installer=B.admin,
        bot_user_id="U0BOTBRAVO",
        bot_id="B0BOTBRAVO",
        domain="bravodesk",
    ),
}


@dataclass
class Served:
    """The running bot with both workspaces installed."""

    bot: InstallServer

    @property
    def slack(self) -> FakeSlackApi:
        return self.bot.slack

    def token(self, room: Newsroom) -> str:
        return f"Bearer {self.slack.oauth.tokens_for(team_id=room.tenant)[-1]}"

    def ids(self, room: Newsroom) -> Ids:
        return ids_of(self.bot.engine, room)

    def fields(self, room: Newsroom, user: str | None, tag: str) -> dict[str, Any]:
        return {
            "team_id": room.tenant,
            "user_id": user or room.reporter,
            "channel_id": SHARED_CHANNEL,
            "response_url": self.slack.response_url(tag),
        }

    def command(self, room: Newsroom, text: str, *, user: str | None = None) -> Any:
        reply = self.bot.send(signing.slash_command(text, **self.fields(room, user, "cmd")))
        assert reply.status == 200, reply.text
        return reply.json

    def click(self, room: Newsroom, action_id: str, value: str, *, user: str | None = None) -> str:
        url = self.slack.response_url("click")
        fields = {**self.fields(room, user, "click"), "response_url": url}
        body = signing.block_actions(action_id=action_id, value=value, **fields)
        assert self.bot.send(body).status == 200
        return url

    def said_to(self, url: str) -> list[Call]:
        """What was posted to one response_url (waiting for the first post)."""
        return self.slack.wait_for(
            RESPONSE_URL_METHOD, where=lambda call: url.endswith(call.params["_path"])
        )


def _answers_as_alpha(bot: InstallServer) -> bool:
    body = signing.slash_command(
        "vvp on ceasefire", team_id=A.tenant, response_url=bot.slack.response_url("probe")
    )
    reply = bot.send(body)
    return reply.status == 200 and "no ceasefire on these terms" in reply.text


@pytest.fixture
def served(templates: Templates, tmp_path: Path) -> Iterator[Served]:
    """Multi-workspace `serve` on a copy of the two newsrooms' database, both installed (the
    process's default tenant is put back afterwards: start_slack clears it in this mode)."""
    with (
        FakeSlackApi() as fake,
        copy_of(templates.both, tmp_path / "both") as url,
        multi_workspace(),
        multi_workspace_bot(url, fake, fetch_allow_private=True) as bot,
    ):
        for workspace in WORKSPACES.values():
            assert bot.install(workspace).status == 200
        assert _answers_as_alpha(bot), "a request from Alpha's workspace ran outside Alpha's store"
        fake.reset()
        yield Served(bot)


def _received(served: Served) -> list[Call]:
    return served.slack.calls


def _check_alpha_only(
    served: Served, calls: list[Call], *, typed: str = "", reply: Any = None
) -> None:
    """What Slack received while serving Alpha shows nothing of Bravo, with Alpha's token."""
    bravo = served.ids(B)
    for call in calls:
        if call.method not in (RESPONSE_URL_METHOD, UPLOAD_METHOD):
            assert call.headers.get("authorization") == served.token(A), call.method
        if call.method == UPLOAD_METHOD:  # a file's bytes: an export's text, or a picture
            data = bytes(call.params.get("_bytes", b""))
            words = data.decode("latin-1").casefold()
            assert [w for w in BRAVO_ONLY if w.casefold().encode() in data.lower()] == []
            assert all(w.casefold() not in words for w in BRAVO_ONLY)
            continue
        said = json.dumps(call.params, ensure_ascii=False, default=str)
        assert leaks(said, others=BRAVO_ONLY, other_ids=bravo, typed=typed) == [], call.method
    if reply is not None:
        said = json.dumps(reply, ensure_ascii=False)
        assert leaks(said, others=BRAVO_ONLY, other_ids=bravo, typed=typed) == []


QUICK = [
    "vvp on ceasefire",
    "putin",
    "potus47",
    "topic ceasefire",
    "topic frozen conflict",
    "history putin on ceasefire",
    "actors",
    "topics arctic",
    "search truce",
    "search Zephyrine",
    "following",
    "quiet",
    "digest",
    "settings",
    "pending",
]


def test_slash_commands_from_alpha_show_alphas_store(served: Served) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    for text in QUICK:
        served.slack.reset()
        reply = served.command(A, text)
        _check_alpha_only(served, _received(served), typed=text, reply=reply)
    shown = json.dumps(served.command(A, "vvp on ceasefire"), ensure_ascii=False)
    assert "no ceasefire on these terms" in shown  # Alpha's own Putin, through Alpha's alias
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


@pytest.mark.parametrize(
    ("text", "wait_for"),
    [
        ("digest preview", None),
        ("summarize ceasefire offline", "chat.postMessage"),
        ("export positions json", UPLOAD_METHOD),
        ("chart topic ceasefire", UPLOAD_METHOD),
        ("add", "views.open"),
        ("correct #{a.live}", "views.open"),
        ("assign {a.quote}", "views.open"),
    ],
)
def test_slow_commands_files_and_forms_from_alpha_are_alphas(
    served: Served, text: str, wait_for: str | None
) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    alpha = served.ids(A)
    typed = text.replace("{a.live}", str(alpha.live)).replace("{a.quote}", str(alpha.quote))
    reply = served.command(A, typed, user=A.editor)
    if wait_for is not None:
        served.slack.wait_for(wait_for)
    _check_alpha_only(served, _received(served), typed=typed, reply=reply)
    if wait_for == UPLOAD_METHOD:
        [upload] = served.slack.calls_to(UPLOAD_METHOD)
        if text.startswith("export"):
            rows = json.loads(upload.params["_bytes"].decode("utf-8-sig"))
            assert {row["position_id"] for row in rows} <= set(alpha.positions)
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


@pytest.mark.parametrize(
    ("typed", "row"),
    [
        ("correct #{}", "live"),
        ("assign {}", "quote"),
        ("edit D{}", "draft"),
        ("retract #{} wrong", "live"),
        ("audit #{}", "live"),
        ("audit D{}", "draft"),
    ],
)
def test_bravos_ids_typed_in_alpha_are_unknown(served: Served, typed: str, row: str) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    number = served.ids(B).of(row)
    reply = served.command(A, typed.format(number), user=A.editor)
    nobody = served.command(A, typed.format(987654), user=A.editor)
    assert _numbered(reply, number) == _numbered(nobody, 987654)
    assert served.slack.calls_to("views.open") == []
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


def _numbered(reply: Any, number: int) -> str:
    return re.sub(rf"(?<!\d){number}(?!\d)", "N", json.dumps(reply, ensure_ascii=False))


@pytest.mark.parametrize(
    ("action_id", "row", "value"),
    [
        ("draft_approve", "draft", "{}:1"),
        ("draft_retry", "draft", "{}"),
        ("candidate_confirm", "candidate", "{}"),
        ("candidate_discard", "candidate", "{}"),
        ("candidate_edit", "candidate", "{}"),
        ("uncredited_assign", "quote", "{}"),
    ],
)
def test_buttons_naming_bravos_rows_do_nothing_in_alpha(
    served: Served, action_id: str, row: str, value: str
) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    number = served.ids(B).of(row)
    told = []
    for clicked in (number, 987654):  # Bravo's row, and a row nobody has
        served.slack.reset()
        url = served.click(A, action_id, value.format(clicked), user=A.editor)
        [answer] = served.said_to(url)
        said = {k: v for k, v in answer.params.items() if not k.startswith("_")}  # not its URL
        told.append(_numbered(said, clicked))
        _check_alpha_only(served, _received(served), typed=str(number))
        assert served.slack.calls_to("views.open") == []
    assert told[0] == told[1]
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


def _submit(served: Served, callback_id: str, metadata: str, values: dict[str, Any]) -> Any:
    body = signing.view_submission(
        callback_id=callback_id,
        state_values=values,
        private_metadata=metadata,
        user_id=A.editor,
        team_id=A.tenant,
    )
    reply = served.bot.send(body)
    assert reply.status == 200, reply.text
    return reply.json


def _add_values() -> dict[str, Any]:
    return form(reason={"type": "plain_text_input", "value": "wrong speaker"})


SUBMISSIONS = [
    ("add_position", '{{"channel_id": "C0SHARED01", "assigns": {}}}', "quote", _add_values),
    ("add_position", '{{"channel_id": "C0SHARED01", "replaces": {}}}', "candidate", _add_values),
    ("add_position", '{{"channel_id": "C0SHARED01", "corrects": {}}}', "live", _add_values),
    ("draft_reject", "{}:1", "draft", lambda: {"reason": {"value": signing.text_input("no")}}),
    ("draft_edit", "{}:1", "draft", lambda: {"body": {"value": signing.text_input("New [#1]")}}),
]


@pytest.mark.parametrize(("callback_id", "metadata", "row", "values"), SUBMISSIONS)
def test_forms_naming_bravos_rows_are_refused_in_alpha(
    served: Served, callback_id: str, metadata: str, row: str, values: Any
) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    alpha_before = snapshot(served.bot.engine, A.tenant)
    number = served.ids(B).of(row)
    refused = [
        _numbered(_submit(served, callback_id, metadata.format(clicked), values()), clicked)
        for clicked in (number, 987654)
    ]
    assert refused[0] == refused[1]
    assert "errors" in refused[0]
    _check_alpha_only(served, _received(served), typed=str(number))
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}
    changed = changed_tables(alpha_before, snapshot(served.bot.engine, A.tenant))
    assert set(changed) <= {"audit_event"}  # a refusal may be audited, nothing else


def test_the_reject_button_on_bravos_draft_opens_nothing_of_it(served: Served) -> None:
    number = served.ids(B).draft
    modals = []
    for clicked in (number, 987654):
        served.slack.reset()
        served.click(A, "draft_reject", f"{clicked}:1", user=A.editor)
        [opened] = served.slack.wait_for("views.open")
        assert opened.headers["authorization"] == served.token(A)
        modals.append(_numbered(opened.params["view"], clicked))
    assert modals[0] == modals[1]  # the id clicked, and nothing else of the draft


def test_buttons_on_alphas_answers_stay_in_alpha(served: Served) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    for action_id, value, answered_by in (
        ("show_more", "history putin on ceasefire page 2", RESPONSE_URL_METHOD),
        ("choose_name:0", "petrova on ceasefire", RESPONSE_URL_METHOD),
        ("share_answer", "vvp on ceasefire", "chat.postMessage"),
        ("settings_open", "open", "views.open"),
    ):
        served.slack.reset()
        served.click(A, action_id, value, user=A.editor)
        served.slack.wait_for(answered_by)
        _check_alpha_only(served, _received(served), typed=value)
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


def test_the_add_form_submitted_in_alpha_records_in_alpha(served: Served) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    values = form(
        actor=signing.text_input("vvp"),
        quote=signing.text_input("A new pause is possible, says the Kremlin."),
        summary=signing.text_input(""),
        conditions=signing.text_input(""),
        url=signing.text_input(""),
    )
    metadata = json.dumps({"channel_id": SHARED_CHANNEL})
    reply = served.bot.send(
        signing.view_submission(
            callback_id=ADD_CALLBACK,
            state_values=values,
            private_metadata=metadata,
            user_id=A.reporter,
            team_id=A.tenant,
        )
    )
    assert reply.status == 200, reply.text
    with tenant_scope(A.tenant), unit_of_work(served.bot.engine) as session:
        recorded = [p for p in session.exec(select(Position)).all() if "A new pause" in p.quotes[0]]
        speakers = [session.get(Actor, p.actor_id) for p in recorded]
    _check_alpha_only(served, _received(served), reply=reply.json)
    assert [actor.name for actor in speakers if actor] == ["Vladimir Putin"]  # "vvp" in Alpha
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


def test_the_message_shortcut_in_alpha_ingests_into_alpha(served: Served) -> None:
    before = snapshot(served.bot.engine, B.tenant)
    text = "“We will study the ceasefire idea,” Putin said. “Nobody expects a deal,” one aide said."
    body = signing.message_action(
        callback_id="extract_positions",
        text=text,
        response_url=served.slack.response_url("shortcut"),
        team_id=A.tenant,
        user_id=A.reporter,
        channel_id=SHARED_CHANNEL,
    )
    assert served.bot.send(body).status == 200
    served.slack.wait_for("chat.postEphemeral")
    _check_alpha_only(served, _received(served), typed=text)
    assert changed_tables(before, snapshot(served.bot.engine, B.tenant)) == {}


@pytest.mark.parametrize(("room", "others"), [(A, BRAVO_ONLY), (B, A_ONLY)])
def test_app_home_shows_each_workspace_its_own(
    served: Served, room: Newsroom, others: tuple[str, ...]
) -> None:
    event = {**signing.app_home_opened(user_id=room.reporter)}
    assert served.bot.send(signing.event(event, team_id=room.tenant)).status == 200
    [published] = served.slack.wait_for("views.publish")
    assert published.headers["authorization"] == served.token(room)
    other = served.ids(B if room is A else A)
    shown = json.dumps(published.params["view"], ensure_ascii=False)
    assert leaks(shown, others=others, other_ids=other) == []
    assert ("Kaja Kallas" in shown) == (room is A)


def test_alerts_go_to_each_workspace_with_its_token_and_content(served: Served) -> None:
    alerts = served.bot.running.alerts
    assert alerts is not None
    with time_machine.travel(NOW, tick=True):
        alerts.send_due()
    posts = served.slack.calls_to("chat.postMessage")
    by_token = {call.headers["authorization"]: call for call in posts}
    assert sorted(by_token) == sorted([served.token(A), served.token(B)])
    alpha, bravo = by_token[served.token(A)], by_token[served.token(B)]
    assert alpha.params["channel"] == bravo.params["channel"] == SHARED_CHANNEL
    assert leaks(json.dumps(alpha.params), others=BRAVO_ONLY, other_ids=served.ids(B)) == []
    assert leaks(json.dumps(bravo.params), others=A_ONLY, other_ids=served.ids(A)) == []


def test_a_request_from_a_workspace_runs_in_its_newsroom(
    templates: Templates, tmp_path: Path
) -> None:
    """As `serve` starts in multi-workspace mode: no default newsroom, and each request runs in
    its workspace's (Bolt runs listeners after the middleware returned, on other threads)."""
    with (
        FakeSlackApi() as fake,
        copy_of(templates.both, tmp_path / "both") as url,
        multi_workspace(),  # only to put the process's default back afterwards
    ):
        set_default_tenant(LOCAL_TENANT)
        with multi_workspace_bot(url, fake) as bot:
            assert default_tenant() is None
            assert bot.install(WORKSPACES[A.tenant]).status == 200
            assert _answers_as_alpha(bot)
