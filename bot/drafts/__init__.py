"""Drafts: claims on where things stand (LLM or offline), the evidence lock, approvals."""

from typing import TYPE_CHECKING

from bot.public_names import public_names

if TYPE_CHECKING:
    from bot.drafts.approvals import Approvals, Poster, PostFailed, PostUnconfirmed
    from bot.drafts.audit import AuditStep, draft_steps
    from bot.drafts.claims import Checked, check_against, joined, problems_text
    from bot.drafts.contents import Snapshot, snapshot
    from bot.drafts.drafting import DraftText, claim_lines, llm_summary, render
    from bot.drafts.evidence import Claim, Evidence
    from bot.drafts.evidence.gather import gather, names_by_actor
    from bot.drafts.offline_claims import offline_claim
    from bot.drafts.states import audit_trail, create_draft, overdue_drafts, pending_drafts
    from bot.drafts.summaries import summarize
else:
    __getattr__ = public_names(__name__, __file__)

__all__ = [
    "Approvals",
    "AuditStep",
    "Checked",
    "Claim",
    "DraftText",
    "Evidence",
    "PostFailed",
    "PostUnconfirmed",
    "Poster",
    "Snapshot",
    "audit_trail",
    "check_against",
    "claim_lines",
    "create_draft",
    "draft_steps",
    "gather",
    "joined",
    "llm_summary",
    "names_by_actor",
    "offline_claim",
    "overdue_drafts",
    "pending_drafts",
    "problems_text",
    "render",
    "snapshot",
    "summarize",
]
