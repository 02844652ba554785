"""The one interface both full-text backends implement."""

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Select
from sqlmodel import Session

from bot.search.marks import MarkedFields
from bot.search.terms import Terms


class Backend(Protocol):
    """Full-text matching, ranking and highlighting for one kind of database."""

    def restrict(
        self, session: Session, query: Select[Any], *, terms: Terms
    ) -> tuple[Select[Any], ColumnElement[Any]]:
        """`query` (over position) narrowed to the positions matching `terms`, and a rank
        expression for it (higher is better)."""
        ...

    def marked(
        self, session: Session, *, ids: Sequence[int], terms: Terms
    ) -> dict[int, MarkedFields]:
        """Summary, quotes and conditions of the positions `ids`, with matches marked."""
        ...
