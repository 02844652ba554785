"""no made-up outlets: pasted text stored as "Pasted text" has no outlet recorded

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 18:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Ingest named pasted text's source "Pasted text" (and a source with neither outlet nor
    # address "Unknown outlet"): answers, exports and digests showed them as outlets. An
    # empty outlet is shown as "no outlet recorded" and exported empty.
    op.execute(
        "UPDATE source SET outlet = '' "
        "WHERE url IS NULL AND outlet IN ('Pasted text', 'Unknown outlet')"
    )


def downgrade() -> None:
    # Which empty outlets were "Pasted text" is not kept; an empty outlet stays valid.
    pass
