"""Links in README.md and docs/*.md point at files, and at headings, that exist."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_FENCE = re.compile(r"^ *```.*?^ *```[^\n]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} +(.+?) *#* *$", re.MULTILINE)


def markdown_files() -> list[Path]:
    """The README and every page under docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (not '-'), spaces → '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor GitHub makes for the headings of a Markdown file (repeats get -1, -2 …)."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in _HEADING.findall(_FENCE.sub("", path.read_text("utf-8"))):
        base = slug(heading)
        seen = counts.get(base, 0)
        counts[base] = seen + 1
        found.add(base if seen == 0 else f"{base}-{seen}")
    return found


def links(path: Path) -> list[str]:
    """The targets of a file's Markdown links and images, outside code blocks and code spans."""
    text = _CODE_SPAN.sub("", _FENCE.sub("", path.read_text("utf-8")))
    return _LINK.findall(text)


def broken_links(files: list[Path]) -> list[str]:
    """One line per relative link that names a missing file or a heading its file lacks.

    External links (http, https, mailto) are not fetched.
    """
    problems = []
    for source in files:
        for target in links(source):
            if re.match(r"(https?|mailto):", target):
                continue
            path_part, _, anchor = target.partition("#")
            dest = (source.parent / path_part).resolve() if path_part else source
            if not dest.exists():
                problems.append(f"{source.name}: {target}: no such file")
            elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                problems.append(f"{source.name}: {target}: no heading with that anchor")
    return problems


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Changes: what the bot says by itself", "changes-what-the-bot-says-by-itself"),
        ("The `standpoint` CLI", "the-standpoint-cli"),
        ("`standpoint ingest --json`", "standpoint-ingest---json"),
        ("Run it in Slack", "run-it-in-slack"),
    ],
)
def test_slug_is_githubs_anchor(heading: str, expected: str) -> None:
    assert slug(heading) == expected


def test_the_checker_accepts_links_that_resolve(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# B\n\n## Other part\n\n## Other part\n", "utf-8")
    page = tmp_path / "a.md"
    page.write_text(
        "# A\n\n## Sub section\n\n"
        "[x](sub/b.md#other-part) [again](sub/b.md#other-part-1) [here](#sub-section)\n"
        "[web](https://example.com/nowhere) ![img](pic.png) [dir](sub)\n",
        "utf-8",
    )
    assert broken_links([page, tmp_path / "sub" / "b.md"]) == []


def test_the_checker_reports_each_broken_link(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# B\n\n```\n## Not a heading\n```\n", "utf-8")
    page = tmp_path / "a.md"
    page.write_text(
        "# A\n\n[gone](missing.md) [bad anchor](b.md#nope) [fenced](b.md#not-a-heading)\n"
        "[nowhere](#nowhere) ![lost](lost.png)\n\n"
        "```text\n[in a code block](ignored.md)\n```\n\n`[in a code span](ignored.md)`\n",
        "utf-8",
    )
    assert broken_links([page]) == [
        "a.md: missing.md: no such file",
        "a.md: b.md#nope: no heading with that anchor",
        "a.md: b.md#not-a-heading: no heading with that anchor",
        "a.md: #nowhere: no heading with that anchor",
        "a.md: lost.png: no such file",
    ]


def test_readme_and_docs_links_resolve() -> None:
    assert len(markdown_files()) > 2
    assert broken_links(markdown_files()) == []
