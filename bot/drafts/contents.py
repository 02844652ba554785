"""A draft's checked content as one immutable row, shared by every draft that says the same.

`snapshot` fixes what a draft says (text, claims with their evidence, problems, citations, the
positions the drafter was given) and hashes it; `keep` finds that row by its hash or writes it.
Five hundred channels whose digests were built from the same changes in one tick thus point at
one row: the evidence is written once, not once per channel, and no draft can change another's
text, since an edit writes a new row (store/draft_content.py).
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.drafts.claims import Checked
from store import DraftContent, remember


@dataclass(frozen=True)
class Snapshot:
    """What a draft says, and the SHA-256 of it (the key of its row)."""

    sha256: str
    values: dict[str, Any]


def snapshot(checked: Checked) -> Snapshot:
    """`checked` as stored, with its hash (one JSON encoding: a tick makes it once a build)."""
    values = {
        "body": checked.body,
        "claims": checked.claims,
        "problems": checked.problems,
        "citations": checked.citations,
        "evidence_ids": checked.evidence_ids,
    }
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Snapshot(sha256=hashlib.sha256(encoded.encode()).hexdigest(), values=values)


def keep(session: Session, content: Snapshot) -> int:
    """The id of `content`'s row: found by its hash, or written now (once, even if two
    schedulers write the same content at the same moment)."""
    found = _find(session, content.sha256)
    if found is None:
        row = DraftContent(sha256=content.sha256, **content.values)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # another scheduler wrote it first: use theirs
            found = _find(session, content.sha256)
        else:
            found = row.id
            session.expunge(row)  # written once; the drafts carry its values
    assert found is not None
    remember(session, found, content.values)
    return found


def _find(session: Session, sha256: str) -> int | None:
    return session.exec(select(DraftContent.id).where(DraftContent.sha256 == sha256)).first()
