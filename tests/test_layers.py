"""The house rules: imports run handlers → bot → store; a capability uses another only through
the public names its `__init__.py` lists; modules stay small. See docs/architecture.md."""

import ast
import importlib
from pathlib import Path

import pytest

from bot.public_names import listed_names

ROOT = Path(__file__).resolve().parent.parent
CODE = ("bot", "handlers", "store", "seeds")
FORBIDDEN = {
    "store": {"bot", "handlers", "seeds", "slack_bolt", "slack_sdk"},
    "bot": {"handlers", "seeds", "slack_bolt", "slack_sdk"},
    "seeds": {"handlers", "slack_bolt", "slack_sdk"},
}
MAX_LINES = 300


def _modules(*tops: str) -> list[Path]:
    return sorted(path for top in tops for path in (ROOT / top).rglob("*.py"))


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def capability_of(module: str) -> str | None:
    """`bot.positions.recording` → `bot.positions`; None for the shared kernel (`bot.text`)."""
    parts = module.split(".")
    if parts[0] not in ("bot", "handlers") or len(parts) < 2:
        return None
    package = ROOT / parts[0] / parts[1]
    return ".".join(parts[:2]) if package.is_dir() else None


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    return imports_in(path.read_text("utf-8"))


def imports_in(source: str) -> list[tuple[str, list[str], int]]:
    """(module, names imported from it, line) for every absolute import, at any depth."""
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
    return found


def _public(capability: str) -> set[str]:
    init = ROOT.joinpath(*capability.split(".")) / "__init__.py"
    return set(listed_names(init))


def boundary_offences(source: str, module: str) -> list[str]:
    """Imports in `module` (its source) that reach into another capability past its public names."""
    own = capability_of(module)
    offences = []
    for target, names, line in imports_in(source):
        other = capability_of(target)
        if other is None or other == own:
            continue
        where = f"{module}:{line}"
        if target != other:
            offences.append(f"{where}: {target} is inside {other}; import from {other}")
            continue
        hidden = sorted(set(names) - _public(other))
        if hidden:
            offences.append(f"{where}: {other} does not list {', '.join(hidden)}")
    return offences


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downwards(package: str) -> None:
    offences = {}
    for path in _modules(package):
        imported = {target.split(".")[0] for target, _, _ in _imports(path)}
        if bad := sorted(imported & FORBIDDEN[package]):
            offences[str(path.relative_to(ROOT))] = bad
    assert offences == {}


def test_capabilities_meet_only_through_public_names() -> None:
    offences = [
        offence
        for path in _modules("bot", "handlers", "seeds")
        for offence in boundary_offences(path.read_text("utf-8"), _dotted(path))
    ]
    assert offences == []


def test_the_kernel_uses_no_capability() -> None:
    # bot/*.py (dates, text, errors, the LLM client…) is what every capability may use freely.
    kernel = [path for path in (ROOT / "bot").glob("*.py") if path.name != "__init__.py"]
    assert kernel
    reaching = {
        path.name: sorted(t for t, _, _ in _imports(path) if capability_of(t) is not None)
        for path in kernel
    }
    assert {name: targets for name, targets in reaching.items() if targets} == {}


def _capabilities() -> list[str]:
    return sorted(
        f"{top}.{package.name}"
        for top in ("bot", "handlers")
        for package in (ROOT / top).iterdir()
        if (package / "__init__.py").is_file()
    )


@pytest.mark.parametrize("capability", _capabilities())
def test_each_capability_says_what_it_holds_and_lists_what_it_exposes(capability: str) -> None:
    init = ROOT.joinpath(*capability.split(".")) / "__init__.py"
    tree = ast.parse(init.read_text("utf-8"))
    doc = ast.get_docstring(tree)
    assert doc, f"{capability} needs a one-line docstring saying what it holds"
    listed = listed_names(init)
    package = importlib.import_module(capability)
    assert sorted(getattr(package, "__all__", [])) == sorted(listed)
    # A public name that is also a submodule's name would be replaced by the module on import.
    submodules = {path.stem for path in init.parent.glob("*.py")} | {
        path.name for path in init.parent.iterdir() if path.is_dir()
    }
    assert sorted(set(listed) & submodules) == []
    for name in listed:
        assert getattr(package, name) is not None, f"{capability}.{name} does not resolve"


def test_no_module_is_over_300_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules(*CODE, "bench")
        if "versions" not in path.parts
        and (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_boundary_check_catches_a_reach_past_public_names() -> None:
    # The rule can fail: an import of a capability's inner module, or of a name it keeps private;
    # the kernel and the module's own capability stay free.
    sneaky = (
        "from bot.positions.recording import record_statement\n"
        "def later():\n"
        "    from bot.positions import _not_public\n"
        "from bot.text import clean_text\n"
        "from bot.digests.runs import due_runs\n"
    )
    offences = boundary_offences(sneaky, "bot.digests.probe")
    assert len(offences) == 2
    assert "bot.positions.recording is inside bot.positions" in offences[0]
    assert "does not list _not_public" in offences[1]
