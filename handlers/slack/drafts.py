"""Draft cards in Slack: Approve, Edit, Reject and Retry, each a thin call into the desk."""

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.errors import UserError
from handlers.blocks import (
    APPROVE,
    EDIT,
    EDIT_CALLBACK,
    REJECT,
    REJECT_CALLBACK,
    RETRY,
    Message,
    context,
    draft_ref,
    edit_modal,
    errors_ack,
    escape,
    reject_modal,
    still_to_fix,
)
from handlers.slack.client import respond
from handlers.slack.deps import SlackDeps
from store import Draft, unit_of_work, utcnow

log = logging.getLogger(__name__)


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the card's buttons and the Edit / Reject modals."""

    @app.action(APPROVE)
    def on_approve(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        draft_id, version = draft_ref(body["actions"][0]["value"])
        user = body["user"]["id"]
        deps.worker.submit(
            lambda: tell(
                body,
                lambda: deps.desk.approvals.approve(
                    draft_id,
                    version=version,
                    user=user,
                    now=utcnow(),
                    request_id=body.get("trigger_id"),
                ),
            ),
            what=f"approve draft {draft_id}",
        )

    @app.action(RETRY)
    def on_retry(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        draft_id, _ = draft_ref(body["actions"][0]["value"])
        user = body["user"]["id"]
        deps.worker.submit(
            lambda: tell(
                body,
                lambda: deps.desk.retry(draft_id, user=user, channel_id=None, now=utcnow()).text,
            ),
            what=f"retry draft {draft_id}",
        )

    @app.action(EDIT)
    def on_edit(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        draft_id, version = draft_ref(body["actions"][0]["value"])
        with unit_of_work(deps.engine) as session:
            draft = session.get(Draft, draft_id)
        if draft is None:
            return
        open_edit_modal(client, trigger_id=body["trigger_id"], draft=draft, version=version)

    @app.action(REJECT)
    def on_reject(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        draft_id, version = draft_ref(body["actions"][0]["value"])
        client.views_open(
            trigger_id=body["trigger_id"],
            view=reject_modal(draft_id=draft_id, version=version or 0),
        )

    @app.view(EDIT_CALLBACK)
    def on_edit_saved(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        draft_id, version = draft_ref(view["private_metadata"])
        text = view["state"]["values"]["body"]["value"]["value"] or ""
        try:
            problems = deps.desk.approvals.edit(
                draft_id,
                version=version,
                user=body["user"]["id"],
                body=text,
                now=utcnow(),
                request_id=view.get("id"),
            )
        except UserError as error:
            ack(**errors_ack({"body": error.message[:150]}))
            return
        if problems:
            ack(**errors_ack({"body": still_to_fix(problems)[:150]}))
            return
        ack()

    @app.view(REJECT_CALLBACK)
    def on_reject_saved(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        draft_id, version = draft_ref(view["private_metadata"])
        reason = view["state"]["values"]["reason"]["value"]["value"] or ""
        try:
            deps.desk.approvals.reject(
                draft_id,
                version=version,
                user=body["user"]["id"],
                reason=reason,
                now=utcnow(),
                request_id=view.get("id"),
            )
        except UserError as error:
            ack(**errors_ack({"reason": error.message[:150]}))
            return
        ack()


def open_edit_modal(
    client: WebClient, *, trigger_id: str, draft: Draft, version: int | None = None
) -> None:
    """The Edit modal, for the card's button and for `/stance edit <id>`."""
    assert draft.id is not None
    client.views_open(
        trigger_id=trigger_id,
        view=edit_modal(
            draft_id=draft.id, version=version or draft.version, title=draft.title, body=draft.body
        ),
    )


def tell(body: dict[str, Any], decide: Any) -> None:
    """Run a decision and tell the clicker privately how it went (refusals included)."""
    try:
        told = decide()
    except UserError as error:
        told = error.message
    note = Message(text=told, blocks=[context(escape(told))])
    respond(body["response_url"], note, response_type="ephemeral", replace_original=False)
