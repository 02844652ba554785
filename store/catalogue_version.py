"""The catalogue's version: a token that every write to actors, topics or aliases changes.

Database triggers set it (migration 0012), in the same transaction as the write, whoever
writes: the app on any replica, a bulk load, a hand edit in psql. So a process may keep the
names it read and trust them while the token is unchanged. A random token, not a counter: a
rolled-back write's token is never seen again, so nothing cached under it is mistaken for a
later state.
"""

from sqlmodel import Field, Session, SQLModel, select


class CatalogueVersion(SQLModel, table=True):
    """One row: the token of the catalogue as it stands."""

    __tablename__ = "catalogue_version"

    id: int = Field(default=1, primary_key=True)
    token: str = Field(max_length=32)


_TOKEN = select(CatalogueVersion.token).where(CatalogueVersion.id == 1)


def catalogue_token(session: Session) -> str:
    """The catalogue's token as this transaction sees it (one indexed read)."""
    return session.exec(_TOKEN).one()
