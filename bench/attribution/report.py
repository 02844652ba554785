"""Printing attribution scores: per story with every wrong credit (tuning sets), totals and
per kind (every set). A sealed set is printed as totals and per-kind counts only."""

from collections import Counter

from bench.attribution.scoring import Report


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def totals(label: str, report: Report) -> str:
    """One line: precision and recall with their counts."""
    return (
        f"{label}: {len(report.stories)} stories; precision {report.attributed_right}/"
        f"{report.attributed} = {report.precision:.1%}; recall {report.found_right}/"
        f"{report.gold_with_speaker} = {report.recall:.1%}"
    )


def by_story(report: Report) -> str:
    """The per-story table and every wrong attribution (never for a sealed set)."""
    width = max((len(s.file) for s in report.stories), default=4)
    header = f"{'file':<{width}}  gold  right  wrong  precision  recall"
    lines = [header, "-" * len(header)]
    for s in report.stories:
        lines.append(
            f"{s.file:<{width}}  {s.gold_with_speaker:>4}  {s.found_right:>5}  "
            f"{len(s.wrong):>5}  {s.precision:>9.1%}  {s.recall:>6.1%}"
        )
    lines.append(f"wrong attributions: {len(report.wrong)}")
    for w in report.wrong:
        gold = "null" if w.gold is None else w.gold
        lines.append(
            f"  {w.file} @{w.start} “{_short(w.quote)}”: predicted {w.predicted}, gold {gold}"
        )
    return "\n".join(lines)


def by_kind(report: Report) -> str:
    """Recall per kind of attribution, and wrong credits per kind, where the labels say it."""
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for story in report.stories:
        for quote in story.gold:
            if quote.speaker is None:
                continue
            for kind in quote.kinds:
                gold[kind] += 1
                found[kind] += quote.start in story.found
    wrong: Counter[str] = Counter(kind for w in report.wrong for kind in w.kinds or ("(none)",))
    if not gold and not wrong:
        return "  (no kinds labelled)"
    lines = []
    for kind in sorted(set(gold) | set(wrong), key=lambda k: (-gold[k], k)):
        recall = (
            f"{found[kind]}/{gold[kind]} = {found[kind] / gold[kind]:.0%}" if gold[kind] else "-"
        )
        lines.append(f"  {kind:<22} found {recall:<14} wrong credits {wrong[kind]}")
    return "\n".join(lines)
