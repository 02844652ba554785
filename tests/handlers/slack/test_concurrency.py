"""Acks never wait on slow work: 50 commands answered within 3 s while 10 slow jobs run."""

import time
from concurrent.futures import ThreadPoolExecutor

from tests.fakes.slack_api import Scripted
from tests.handlers.slack.conftest import BotServer, Reply

SLACK_ACK_DEADLINE = 3.0
SLOW_SLACK_SECONDS = 4.0  # longer than the ack deadline: slow work in a listener would show


def _timed(call: "callable[[], Reply]") -> tuple[float, Reply]:  # type: ignore[valid-type]
    started = time.monotonic()
    reply = call()
    return time.monotonic() - started, reply


def test_fifty_commands_are_answered_in_time_while_ten_slow_shares_run(bot: BotServer) -> None:
    # Ten shares whose chat.postMessage Slack takes 4 s to answer: they hold the worker
    # pool (8 threads) busy for two rounds, i.e. about 8 s.
    bot.slack.script("chat.postMessage", *[Scripted.slow(SLOW_SLACK_SECONDS)] * 10)
    with ThreadPoolExecutor(max_workers=60) as pool:
        shares = [
            pool.submit(
                _timed,
                lambda: bot.click(
                    action_id="share_answer",
                    value="putin",
                    response_url=bot.slack.response_url("s"),
                ),
            )
            for _ in range(10)
        ]
        bot.slack.wait_for("chat.postMessage", count=8)  # the slow jobs are now running
        commands = [
            pool.submit(_timed, lambda: bot.command("putin on ceasefire")) for _ in range(50)
        ]
        share_results = [future.result() for future in shares]
        command_results = [future.result() for future in commands]
    for elapsed, reply in share_results + command_results:
        assert reply.status == 200
        assert elapsed < SLACK_ACK_DEADLINE, f"answered after {elapsed:.2f} s"
    assert all("Conditional support" in reply.text for _, reply in command_results)
    slowest = max(elapsed for elapsed, _ in command_results)
    # The slow jobs were still running when every command had its answer.
    assert len(bot.slack.calls_to("response_url")) < 10, f"slowest command {slowest:.2f} s"
    assert len(bot.slack.wait_for("chat.postMessage", count=10, timeout=20)) == 10
