"""The add-position modal's submission: inline errors, or record and confirm privately."""

import logging
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import UserError
from bot.ingest import assign_quote, replace_candidate_with_form
from bot.positions import FormErrors, PositionForm, record_form
from handlers.blocks import (
    ADD_CALLBACK,
    FIELDS,
    Message,
    add_position_modal,
    assigned_quote,
    channel_of,
    corrected_position,
    errors_ack,
    form_from_state,
    reason_of,
    replaced_candidate,
)
from handlers.desks import recorded_answer
from handlers.slack.client import message_fields
from handlers.slack.deps import SlackDeps
from store import unit_of_work, utcnow

log = logging.getLogger(__name__)
MAX_ERROR_CHARS = 150  # Slack truncates longer inline errors


def open_add_modal(
    client: WebClient,
    *,
    trigger_id: str,
    channel_id: str,
    zone: ZoneInfo,
    initial: PositionForm | None = None,
    replaces: int | None = None,
    corrects: int | None = None,
    assigns: int | None = None,
    note: str = "",
) -> None:
    """The add modal: blank, or prefilled to replace a candidate, correct a position or
    give an uncredited quote its speaker."""
    client.views_open(
        trigger_id=trigger_id,
        view=add_position_modal(
            channel_id=channel_id,
            today=utcnow().astimezone(zone).date(),
            initial=initial,
            replaces=replaces,
            corrects=corrects,
            assigns=assigns,
            note=note,
        ),
    )


def register(app: App, deps: SlackDeps) -> None:
    """Listen for the modal's submission."""

    @app.view(ADD_CALLBACK)
    def on_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user_id = body["user"]["id"]
        form = form_from_state(view["state"]["values"])
        corrects = corrected_position(view.get("private_metadata", ""))
        if corrects is not None:
            _save_correction(ack, client, deps, view=view, user_id=user_id, position_id=corrects)
            return
        try:
            with unit_of_work(deps.engine) as session:
                replaced = replaced_candidate(view.get("private_metadata", ""))
                assigns = assigned_quote(view.get("private_metadata", ""))
                if assigns is not None:  # the quote's row points at the new position
                    position = assign_quote(
                        session,
                        quote_id=assigns,
                        form=form,
                        user=user_id,
                        zone=deps.current_settings().zone,
                        now=utcnow(),
                        request_id=view.get("id"),
                    )
                elif replaced is not None:  # the edit replaces the candidate, atomically
                    position = replace_candidate_with_form(
                        session,
                        candidate_id=replaced,
                        form=form,
                        user=user_id,
                        zone=deps.current_settings().zone,
                        now=utcnow(),
                        request_id=view.get("id"),
                    )
                else:
                    position = record_form(
                        session,
                        form=form,
                        recorded_by=user_id,
                        zone=deps.current_settings().zone,
                        now=utcnow(),
                        request_id=view.get("id"),
                    )
                confirmation = recorded_answer(session, position=position)
        except FormErrors as invalid:
            ack(**errors_ack(_inline(invalid.errors)))
            return
        except UserError as refused:  # e.g. the candidate was confirmed by someone meanwhile
            ack(**errors_ack(_inline({"quote": refused.message})))
            return
        ack()
        channel_id = channel_of(view.get("private_metadata", ""))
        deps.worker.submit(
            lambda: confirm(client, user_id=user_id, channel_id=channel_id, message=confirmation),
            what="confirm added position",
        )


def _save_correction(
    ack: Ack,
    client: WebClient,
    deps: SlackDeps,
    *,
    view: dict[str, Any],
    user_id: str,
    position_id: int,
) -> None:
    """`correct <id>`'s modal saved: the correction and the withdrawal, in one transaction."""
    values = view["state"]["values"]
    try:
        saved = deps.dispatcher.corrections.save_correction(
            position_id,
            form=form_from_state(values),
            reason=reason_of(values),
            user=user_id,
            now=utcnow(),
            request_id=view.get("id"),
        )
    except FormErrors as invalid:
        ack(**errors_ack(_inline(invalid.errors)))
        return
    except UserError as refused:  # e.g. corrected or withdrawn by someone meanwhile
        ack(**errors_ack(_inline({"reason": refused.message})))
        return
    ack()
    channel_id = channel_of(view.get("private_metadata", ""))
    deps.worker.submit(
        lambda: confirm(client, user_id=user_id, channel_id=channel_id, message=saved),
        what="confirm correction",
    )


def confirm(client: WebClient, *, user_id: str, channel_id: str | None, message: Message) -> None:
    """Tell the reporter privately: in the channel they were in, else in a direct message."""
    if channel_id:
        try:
            client.chat_postEphemeral(channel=channel_id, user=user_id, **message_fields(message))
            return
        except SlackApiError as error:
            log.info(
                "ephemeral confirmation failed (%s); sending a DM", error.response.get("error")
            )
    client.chat_postMessage(channel=user_id, **message_fields(message))


def _inline(errors: dict[str, str]) -> dict[str, str]:
    # Field names are the modal's block ids; anything else lands on the quote box.
    return {
        (field if field in FIELDS else "quote"): message[:MAX_ERROR_CHARS]
        for field, message in errors.items()
    }
