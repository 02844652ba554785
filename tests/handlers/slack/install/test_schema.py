"""Migration 0015 creates the tables slack_sdk's stores define, column for column, so an upgrade
of slack_sdk that changes them fails here rather than in a deployment."""

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData, inspect

from handlers.slack.install.crypto import TokenCipher
from handlers.slack.install.installations import BOT_TOKENS, INSTALLATION_TOKENS
from store import make_engine, upgrade
from store.migrate import SLACK_OAUTH_TABLES
from tests.handlers.slack.install.conftest import TOKEN_KEY

# The one deliberate difference: encrypted tokens need wider columns than slack_sdk's 200.
WIDER = {("slack_installations", column) for column in INSTALLATION_TOKENS} | {
    ("slack_bots", column) for column in BOT_TOKENS
}


def _slack_sdk_tables() -> MetaData:
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")
    return metadata


def _only_slack_tables(name: str | None, type_: str, _parents: Any) -> bool:
    return type_ != "table" or name in SLACK_OAUTH_TABLES


def test_the_migrated_tables_are_slack_sdks_own(fresh_db_url: str) -> None:
    engine = make_engine(fresh_db_url)
    upgrade(engine)
    expected = _slack_sdk_tables()
    assert set(expected.tables) == SLACK_OAUTH_TABLES
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _only_slack_tables}
        )
        differences = compare_metadata(context, expected)
    engine.dispose()

    widened = set()
    for difference in differences:
        # Each column difference comes as a list of ("modify_…", schema, table, column, …).
        assert isinstance(difference, list), f"not only a column type differs: {difference}"
        for change in difference:
            kind, _, table, column, _, ours, theirs = change
            assert kind == "modify_type", f"{table}.{column}: {change}"
            assert ours.length > theirs.length, f"{table}.{column} is narrower than slack_sdk's"
            widened.add((table, column))
    assert widened == WIDER


def test_an_encrypted_token_fits_its_column(fresh_db_url: str) -> None:
    engine = make_engine(fresh_db_url)
    upgrade(engine)
    lengths = {
        (table, column["name"]): getattr(column["type"], "length", None)
        for table in ("slack_installations", "slack_bots")
        for column in inspect(engine).get_columns(table)
    }
    engine.dispose()
    # Slack's rotating tokens are ~150 characters; twice that, encrypted, still fits.
    sealed = TokenCipher([TOKEN_KEY]).seal("xoxe.xoxb-1-" + "x" * 300)
    assert sealed is not None
    for place in WIDER:
        assert len(sealed) <= lengths[place], place
