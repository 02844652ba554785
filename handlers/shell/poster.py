"""Drafts in the terminal: cards and posts are printed; approving "posts" to the screen."""

from rich.console import Console

from bot.alerts import Follower
from handlers.blocks import Message, draft_card, outcome_message, published_message
from handlers.shell.render import render
from store import Draft, DraftStatus


class ShellPoster:
    """A CardPoster for the shell."""

    def __init__(self, *, console: Console, command: str) -> None:
        self.console = console
        self.command = command

    def show_card(self, draft: Draft) -> tuple[str, str] | None:
        """Print the new draft's card."""
        render(draft_card(draft, command=self.command), self.console)
        return None

    def update_card(self, draft: Draft) -> None:
        """Print what changed: an edited draft's whole card, a decided draft's outcome alone.

        A terminal cannot replace the card in place, so the text is printed once when drafted
        (again only when edited) and once more only as posted.
        """
        if draft.status == DraftStatus.PENDING:
            render(draft_card(draft, command=self.command), self.console)
        elif draft.status != DraftStatus.APPROVED:  # approved: posting follows at once
            render(outcome_message(draft, command=self.command), self.console)

    def publish(self, draft: Draft) -> str:
        """Print what the channel would see."""
        self.console.print("[bold]── posted ──[/bold]")
        render(published_message(draft), self.console)
        return f"shell-{draft.id}"

    def post_note(self, channel_id: str, message: Message) -> str:
        """Print a note as the channel would see it."""
        self.console.print(f"[bold]── posted to {channel_id} ──[/bold]")
        render(message, self.console)
        return f"shell-note-{channel_id}"

    def post_alert(self, follower: Follower, message: Message) -> str:
        """Print an alert as the follower would see it."""
        self.console.print("[bold]── alert ──[/bold]")
        render(message, self.console)
        return f"shell-alert-{follower.target}"
