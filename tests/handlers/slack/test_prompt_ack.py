"""An ack is handed back as soon as the listener gives it; slow Slack work after it never
delays it (a command, a button, a modal submission)."""

import threading
import time
from typing import Any

from handlers.slack.prompt_ack import AckWaitingExecutor, SignallingAck, expect
from tests.fakes.slack_api import Scripted
from tests.handlers.slack.conftest import BotServer
from tests.handlers.slack.test_add_modal import METADATA, form

SLOW_SLACK_SECONDS = 4.0  # longer than Slack's 3 s ack deadline: slow work in an ack would show
SLACK_ACK_DEADLINE = 3.0


def _timed(call: Any) -> tuple[float, Any]:
    started = time.monotonic()
    reply = call()
    return time.monotonic() - started, reply


def test_add_command_is_acked_before_a_slow_views_open_answers(bot: BotServer) -> None:
    bot.slack.script("views.open", Scripted.slow(SLOW_SLACK_SECONDS))
    elapsed, reply = _timed(lambda: bot.command("add"))
    assert reply.status == 200
    assert elapsed < SLACK_ACK_DEADLINE, f"acked after {elapsed:.2f} s"
    # The modal was still asked for, with the command's trigger.
    assert bot.slack.wait_for("views.open")[0].params["trigger_id"]


def test_reject_button_is_acked_before_a_slow_views_open_answers(bot: BotServer) -> None:
    bot.slack.script("views.open", Scripted.slow(SLOW_SLACK_SECONDS))
    elapsed, reply = _timed(lambda: bot.click(action_id="draft_reject", value="7:1"))
    assert reply.status == 200
    assert elapsed < SLACK_ACK_DEADLINE, f"acked after {elapsed:.2f} s"
    assert "7" in str(bot.slack.wait_for("views.open")[0].params["view"])


def test_modal_submission_is_acked_before_a_slow_confirmation_posts(bot: BotServer) -> None:
    bot.slack.script("chat.postEphemeral", Scripted.slow(SLOW_SLACK_SECONDS))
    elapsed, reply = _timed(
        lambda: bot.submit(
            callback_id="add_position", values=form(), private_metadata=METADATA, user_id="U0ALICE"
        )
    )
    assert (reply.status, reply.text) == (200, "")  # an empty 200 closes the modal
    assert elapsed < SLACK_ACK_DEADLINE, f"acked after {elapsed:.2f} s"
    assert "Recorded as position" in bot.slack.wait_for("chat.postEphemeral")[0].params["text"]


def test_submit_returns_once_the_listener_acked_while_its_slow_part_still_runs() -> None:
    ack, finish = SignallingAck(), threading.Event()
    pool = AckWaitingExecutor(max_workers=2)
    try:
        expect(ack)
        future = pool.submit(lambda: (ack(text="answer"), finish.wait(10)))
        # Bolt polls ack.response right after submit: the answer is there at its first look.
        assert ack.response is not None
        assert ack.response.body == "answer"
        assert not future.done()
        finish.set()
        future.result(timeout=10)
    finally:
        finish.set()
        pool.shutdown(wait=True)


def test_submit_returns_once_a_listener_that_never_acks_has_finished() -> None:
    ack, finished = SignallingAck(), threading.Event()
    pool = AckWaitingExecutor(max_workers=2)
    try:
        expect(ack)
        future = pool.submit(finished.set)
        assert finished.is_set()  # no 3 s wait for an ack that will never come
        future.result(timeout=10)
        assert ack.response is None
    finally:
        pool.shutdown(wait=True)
