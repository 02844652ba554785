"""The catalogue: actors and topics, their names and aliases, merges, watch and topic lists."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.catalog.aliases import AliasDone, add_alias, kind_of, remove_alias
    from bot.catalog.creation import MAX_NAME_CHARS, add_aliases, create_actor, create_topic
    from bot.catalog.merges import MergeDone, merge
    from bot.catalog.name_csv import ImportReport
    from bot.catalog.names import Named, reading_notes, resolve_actor, resolve_topic
    from bot.catalog.pair_split import split_actor_topic
    from bot.catalog.snapshot import (
        CatalogueChanged,
        catalogue_names,
        catalogue_was_current,
        confirm_token,
        token_column,
    )
    from bot.catalog.topic_list import import_topic_list, read_topic_list
    from bot.catalog.tracked import Tracked, tracked_actors, tracked_topics
    from bot.catalog.watch_list import import_watch_list, read_watch_list
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "MAX_NAME_CHARS",
    "AliasDone",
    "CatalogueChanged",
    "ImportReport",
    "MergeDone",
    "Named",
    "Tracked",
    "add_alias",
    "add_aliases",
    "catalogue_names",
    "catalogue_was_current",
    "confirm_token",
    "create_actor",
    "create_topic",
    "import_topic_list",
    "import_watch_list",
    "kind_of",
    "merge",
    "read_topic_list",
    "read_watch_list",
    "reading_notes",
    "remove_alias",
    "resolve_actor",
    "resolve_topic",
    "split_actor_topic",
    "token_column",
    "tracked_actors",
    "tracked_topics",
]
