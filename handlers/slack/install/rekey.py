"""Key rotation: re-encrypt every stored Slack token with the first key of STANDPOINT_TOKEN_KEY.

The procedure (docs/slack.md#rotating-the-token-key): put the new key first in
STANDPOINT_TOKEN_KEY on every replica, run `standpoint tokens rekey`, then remove the old key.
"""

from dataclasses import dataclass

from sqlalchemy import Engine, RowMapping, Table, and_, select, update

from handlers.slack.install.crypto import TokenCipher, UnreadableToken
from handlers.slack.install.installations import (
    BOT_TOKENS,
    INSTALLATION_TOKENS,
    EncryptedInstallationStore,
)


class RekeyFailed(RuntimeError):
    """A stored token no configured key decrypts; nothing was changed."""


@dataclass(frozen=True)
class RekeyReport:
    """What `rekey_tokens` re-encrypted."""

    tokens: int
    installations: int
    bots: int


def rekey_tokens(engine: Engine, *, cipher: TokenCipher) -> RekeyReport:
    """Re-encrypt every stored token with the cipher's first key, in one transaction.

    Each row is rewritten only if it still holds what was read: a token rotated meanwhile by a
    running `serve` (already encrypted with the first key) is left as that process wrote it.
    """
    tables = EncryptedInstallationStore(engine=engine, client_id="", cipher=cipher).inner
    counts = {"tokens": 0, "installations": 0, "bots": 0}
    with engine.begin() as conn:
        for table, fields, kind in (
            (tables.installations, INSTALLATION_TOKENS, "installations"),
            (tables.bots, BOT_TOKENS, "bots"),
        ):
            columns = [table.c[field] for field in fields]
            for row in conn.execute(select(table.c.id, *columns)).mappings():
                new = _resealed(cipher, row, fields, table)
                if not new:
                    continue
                unchanged = [table.c[field] == row[field] for field in new]
                conn.execute(
                    update(table).where(and_(table.c.id == row["id"], *unchanged)).values(**new)
                )
                counts["tokens"] += len(new)
                counts[kind] += 1
    return RekeyReport(**counts)


def _resealed(
    cipher: TokenCipher, row: RowMapping, fields: tuple[str, ...], table: Table
) -> dict[str, str]:
    values: dict[str, str] = {}
    for field in fields:
        sealed = row[field]
        if sealed is None:
            continue
        try:
            values[field] = cipher.reseal(sealed)
        except UnreadableToken as error:
            raise RekeyFailed(
                f"{table.name} row {row['id']}: the {field} {error}. "
                "Nothing was re-encrypted; add the key it was encrypted with to "
                "STANDPOINT_TOKEN_KEY (after the new one) and run this again."
            ) from error
    return values
