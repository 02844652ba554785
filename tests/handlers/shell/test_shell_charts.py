"""`/stance chart …` in the shell: the PNG is written to a new file whose path is printed."""

import re
from pathlib import Path

import pytest
from PIL import Image

from tests.handlers.shell_fixtures import run

pytestmark = pytest.mark.usefixtures("shell_database")
PNG = b"\x89PNG\r\n\x1a\n"


def _written(out: str) -> list[Path]:
    return [Path(found) for found in re.findall(r"written to (\S+\.png)", out)]


def test_chart_writes_a_png_under_charts_and_prints_its_path_and_alt_text(
    tmp_path: Path,
) -> None:
    lines = [
        "/stance chart putin on ceasefire",
        "/stance chart putin on ceasefire",
        "/stance chart topic ceasefire",
    ]
    result = run(["shell"], tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    pair, again, topic = _written(result.stdout)
    folder = (tmp_path / "charts").resolve()
    assert pair.parent == folder
    assert re.fullmatch(
        r"standpoint-chart-vladimir-putin-on-us-ceasefire-proposal-[\d-]+\.png", pair.name
    )
    assert again.name == pair.name.replace(".png", "-2.png")  # never over an earlier file
    assert topic.name.startswith("standpoint-chart-us-ceasefire-proposal-")
    for path in (pair, again, topic):
        assert path.read_bytes().startswith(PNG)
        with Image.open(path) as image:
            assert image.width > 800
    assert "Vladimir Putin on US ceasefire proposal: Conditional support from 13 Mar 2025." in (
        result.stdout
    )
    assert (
        "Stances on US ceasefire proposal over time. Donald Trump: Supports from 13 Mar 2025. "
        "Vladimir Putin: Conditional support from 13 Mar 2025." in result.stdout
    )


def test_chart_folder_is_configurable_and_bad_input_gets_a_short_answer(tmp_path: Path) -> None:
    lines = [
        "/stance chart topic ceasefire",
        "/stance chart yermak on ceasefire",
        "/stance chart frobnicate on ceasefire",
        "/stance chart putin on weather",
        "/stance chart",
    ]
    result = run(
        ["shell"], tmp_path, "\n".join(lines) + "\n", STANDPOINT_CHART_DIR=str(tmp_path / "out")
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in out + result.stderr
    [written] = _written(out)
    assert written.parent == (tmp_path / "out").resolve()
    assert written.read_bytes().startswith(PNG)
    assert (
        "Nothing to chart: no statement is recorded for Andriy Yermak on US ceasefire proposal."
        in out
    )
    assert "I don't know an actor called “frobnicate”" in out
    assert "I don't know a topic called “weather”" in out
    assert "Chart which topic?" in out
    assert not (tmp_path / "charts").exists()
    assert [p.name for p in (tmp_path / "out").iterdir()] == [written.name]
