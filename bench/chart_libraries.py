"""Plotting libraries for the stance charts: import time, peak memory, one chart's render time.

Each candidate runs in a fresh interpreter (so nothing is already imported), `--runs` times,
interleaved with a bare `python -c pass` baseline measured in the same run. In the child:
wall time of the import, wall time of drawing one representative chart (three actors' step
lines over a year, markers, date ticks, a legend) to PNG bytes, and peak RSS
(`ru_maxrss`); around it, the wall time of the whole process. Medians are printed with
their ratio to the baseline.

Run: `python -m bench.chart_libraries [--runs N]`.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

_REPORT = """
import json, resource, sys
print(json.dumps({"import": imported - started, "render": drawn - imported,
    "png": size, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

_BARE = """
import time
started = imported = drawn = time.perf_counter()
size = 0
"""

# One chart as the bot draws it: 3 actors x 8 steps on the five-value scale, dated x axis.
_MATPLOTLIB = """
import time
started = time.perf_counter()
import matplotlib
matplotlib.use("Agg")
import matplotlib.dates
import matplotlib.pyplot as plt
imported = time.perf_counter()
import datetime, io
days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=40 * i) for i in range(8)]
fig, ax = plt.subplots(figsize=(9, 4.5), dpi=100)
for n, (marker, style) in enumerate((("o", "-"), ("s", "--"), ("^", ":"))):
    values = [(i * (n + 1)) % 5 for i in range(8)]
    ax.step(days, values, where="post", marker=marker, linestyle=style, label=f"Actor {n}")
ax.set_yticks(range(5), ["Opposes", "Unclear", "Undecided", "Conditional", "Supports"])
ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
ax.set_title("Actors on a topic")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
fig.tight_layout()
out = io.BytesIO()
fig.savefig(out, format="png")
size = len(out.getvalue())
drawn = time.perf_counter()
"""

# The same picture by hand: lines, markers and text, but no axes or date ticks for free.
_PILLOW = """
import time
started = time.perf_counter()
from PIL import Image, ImageDraw
imported = time.perf_counter()
import io
image = Image.new("RGB", (900, 450), "white")
draw = ImageDraw.Draw(image)
draw.line([(100, 400), (880, 400)], fill="black")
draw.line([(100, 400), (100, 40)], fill="black")
labels = ["Opposes", "Unclear", "Undecided", "Conditional", "Supports"]
for level, label in enumerate(labels):
    draw.text((10, 390 - level * 80), label, fill="black")
for i in range(8):
    draw.text((100 + i * 97, 410), f"2025-{i + 1:02d}", fill="black")
for n, colour in enumerate(("navy", "darkred", "darkgreen")):
    points = []
    for i in range(8):
        x, y = 100 + i * 97, 400 - ((i * (n + 1)) % 5) * 80
        if points:
            points.append((x, points[-1][1]))
        points.append((x, y))
    draw.line(points, fill=colour, width=2)
    for x, y in points[::2]:
        draw.ellipse([x - 4, y - 4, x + 4, y + 4], outline=colour)
draw.text((700, 20), "Actors on a topic", fill="black")
out = io.BytesIO()
image.save(out, format="PNG")
size = len(out.getvalue())
drawn = time.perf_counter()
"""

CANDIDATES = {"python -c pass": _BARE, "matplotlib (Agg)": _MATPLOTLIB, "Pillow ImageDraw": _PILLOW}


@dataclass(frozen=True)
class Figures:
    """Medians over the runs of one candidate."""

    wall_seconds: float  # the whole subprocess: start, import, draw, exit
    import_seconds: float
    render_seconds: float
    rss_mb: float
    png_bytes: int


def _once(code: str) -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603  (our own snippets, this interpreter)
        [sys.executable, "-c", code + _REPORT],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result | {"wall": time.perf_counter() - started}


def measure(*, runs: int = 5) -> dict[str, Figures]:
    """Each candidate `runs` times in fresh interpreters, interleaved; the medians."""
    seen: dict[str, list[dict[str, float]]] = {name: [] for name in CANDIDATES}
    for _ in range(runs):
        for name, code in CANDIDATES.items():
            seen[name].append(_once(code))
    return {
        name: Figures(
            wall_seconds=statistics.median(r["wall"] for r in rows),
            import_seconds=statistics.median(r["import"] for r in rows),
            render_seconds=statistics.median(r["render"] for r in rows),
            rss_mb=statistics.median(r["rss_kb"] for r in rows) / 1024,
            png_bytes=int(statistics.median(r["png"] for r in rows)),
        )
        for name, rows in seen.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print one row per candidate with ratios against the bare interpreter."""
    parser = argparse.ArgumentParser(prog="python -m bench.chart_libraries", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    figures = measure(runs=runs)
    bare = figures["python -c pass"]
    print(f"median of {runs} fresh interpreters each, interleaved")
    print(
        f"{'candidate':<18} {'process ms':>10} {'vs bare':>7} {'import ms':>9} "
        f"{'render ms':>9} {'peak RSS MB':>11} "
        f"{'RSS vs bare':>11} {'PNG KB':>7}"
    )
    for name, row in figures.items():
        print(
            f"{name:<18} {row.wall_seconds * 1000:>10.0f} "
            f"{row.wall_seconds / bare.wall_seconds:>6.1f}x {row.import_seconds * 1000:>9.1f} "
            f"{row.render_seconds * 1000:>9.1f} "
            f"{row.rss_mb:>11.1f} {row.rss_mb / bare.rss_mb:>10.1f}x {row.png_bytes / 1024:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
