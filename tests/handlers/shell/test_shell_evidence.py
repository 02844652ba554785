"""The evidence lock in the shell: the console script, the real openai client, the fake
server. A faithful answer can be approved; an unfaithful one says why, claim by claim."""

from pathlib import Path

import pytest

from bench.evidence_lock import load
from tests.fakes.openai_api import FakeOpenAI, LLMReply
from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")


def case(case_id: str) -> dict[str, object]:
    cases, _ = load()
    return next(c for c in cases if c["id"] == case_id)


def summarize_with(tmp_path: Path, answer: dict[str, object]) -> str:
    with FakeOpenAI() as fake:
        fake.script(LLMReply.json({"claims": answer["claims"]}))
        result = run(
            ["shell", "--as", "editor"],
            tmp_path,
            "/stance summarize ceasefire\n/stance approve 1\n",
            OPENAI_API_KEY="sk-test-000000000000000000",
            OPENAI_BASE_URL=fake.base_url,
            STANDPOINT_LLM_RETRIES="0",
        )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_a_faithful_answer_shows_each_claim_beside_its_evidence_and_posts(tmp_path: Path) -> None:
    out = summarize_with(tmp_path, case("ok-seed-ceasefire-board"))
    assert "✅ 1." in out
    assert "#1 Vladimir Putin · Conditional support" in out  # the evidence beside the claim
    assert "#3 Donald Trump · Supports" in out
    assert "Draft D1 approved and posted." in out


@pytest.mark.parametrize(
    ("case_id", "said"),
    [
        ("seed-misattributed-putin-to-trump", "Claim 2 “the idea itself is correct"),
        ("seed-changed-duration-90", "unsupported: 90"),
        ("seed-flip-rejects", "but the position is conditional support"),
        ("seed-marks-single-curly", "is not in the quotes of the positions it cites"),
    ],
)
def test_an_unfaithful_answer_is_refused_with_its_reason(
    tmp_path: Path, case_id: str, said: str
) -> None:
    out = summarize_with(tmp_path, case(case_id))
    assert "⚠️" in out
    assert said in out
    assert "can't be approved until it is edited" in out
    assert "approved and posted" not in out
