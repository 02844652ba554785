"""A package's public names, imported on first use (PEP 562, as scientific Python's SPEC 1).

Each capability's `__init__.py` lists what other packages may use as `from <module> import
<names>` lines under `if TYPE_CHECKING:`, so type checkers and readers see real names, and
sets `__getattr__ = public_names(__name__, __file__)` for run time. Nothing loads until a name
is asked for: capabilities that use each other (recording queues alerts, alerts read
positions) can be entered from either side, and `standpoint --help` stays light.
"""

import ast
import importlib
import sys
from collections.abc import Callable
from pathlib import Path


def public_names(package: str, init_file: str) -> Callable[[str], object]:
    """The `__getattr__` of `package`: a listed name is imported from its module, then kept."""
    sources = listed_names(Path(init_file))

    def load(name: str) -> object:
        source = sources.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, original = source
        value = getattr(importlib.import_module(module), original)
        setattr(sys.modules[package], name, value)  # the next lookup is an ordinary attribute
        return value

    return load


def listed_names(init_file: Path) -> dict[str, tuple[str, str]]:
    """Name → (module, name in it) for each import under the file's `if TYPE_CHECKING:`."""
    tree = ast.parse(init_file.read_text("utf-8"))
    listed: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    for alias in statement.names:
                        listed[alias.asname or alias.name] = (statement.module, alias.name)
    return listed


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
