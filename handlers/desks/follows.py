"""Follows and quiet hours: `follow`, `unfollow`, `following`, `quiet` for a channel or person."""

from datetime import datetime

from sqlmodel import select

from bot.alerts import (
    Follower,
    QuietWindow,
    add_follow,
    default_window,
    follows_of,
    parse_quiet_window,
    quiet_window,
    remove_follows,
    resolve_followed,
)
from bot.grammar import FollowChange, Following, QuietCommand
from handlers.blocks import (
    Message,
    followed_message,
    following_message,
    quiet_message,
    unfollowed_message,
)
from handlers.desks.upkeep import UpkeepDesk
from store import AuditEvent, QuietHours, unit_of_work


class FollowDesk(UpkeepDesk):
    """Who follows what, in one database."""

    def run(
        self,
        command: FollowChange | Following | QuietCommand,
        *,
        follower: Follower,
        user: str,
        now: datetime,
        request_id: str | None = None,
    ) -> Message:
        """Answer one follow command for `follower` (this channel, or this person)."""
        name = self.settings.command
        match command:
            case Following():
                with unit_of_work(self.engine) as session:
                    follows = follows_of(session, follower=follower)
                    quiet = quiet_window(session, follower, default=self.default_quiet())
                return following_message(
                    follower=follower, follows=follows, quiet=quiet, command=name
                )
            case QuietCommand():
                return self._quiet(command, follower=follower, user=user, now=now)
            case FollowChange(verb="follow"):
                with unit_of_work(self.engine) as session:
                    followed = resolve_followed(session, actor=command.actor, topic=command.topic)
                    created = add_follow(
                        session,
                        follower=follower,
                        followed=followed,
                        user=user,
                        now=now,
                        request_id=request_id,
                    )
                return followed_message(
                    follower=follower, label=followed.label, created=created, command=name
                )
            case FollowChange():
                with unit_of_work(self.engine) as session:
                    target = (
                        None
                        if command.everything
                        else resolve_followed(session, actor=command.actor, topic=command.topic)
                    )
                    labels = remove_follows(
                        session,
                        follower=follower,
                        followed=target,
                        user=user,
                        now=now,
                        request_id=request_id,
                    )
                what = "anything" if target is None else target.label
                return unfollowed_message(follower=follower, labels=labels, what=what)

    def default_quiet(self) -> QuietWindow | None:
        """The desk's default quiet hours, for a follower that chose none (`settings`)."""
        settings = self.settings
        return default_window(settings.quiet_hours, tz=settings.tz)

    def _quiet(
        self, command: QuietCommand, *, follower: Follower, user: str, now: datetime
    ) -> Message:
        argument = command.argument.strip()
        with unit_of_work(self.engine) as session:
            if not argument:
                now_in_force = quiet_window(session, follower, default=self.default_quiet())
                return quiet_message(follower=follower, window=now_in_force, changed=False)
            row = session.exec(
                select(QuietHours).where(
                    QuietHours.team_id == follower.team_id, QuietHours.target == follower.target
                )
            ).first()
            window: QuietWindow | None = None
            if argument.casefold() in {"off", "none", "stop"} and self.default_quiet():
                # Kept as an empty window: the desk's default quiet hours don't apply here.
                row = row or QuietHours(
                    team_id=follower.team_id,
                    target=follower.target,
                    start_minute=0,
                    end_minute=0,
                    tz=self.settings.tz,
                    set_by=user,
                )
                row.start_minute, row.end_minute, row.set_by, row.set_at = 0, 0, user, now
                session.add(row)
            elif argument.casefold() in {"off", "none", "stop"}:
                if row is not None:
                    session.delete(row)
            else:
                window = parse_quiet_window(argument, default_tz=self.settings.tz)
                row = row or QuietHours(
                    team_id=follower.team_id,
                    target=follower.target,
                    start_minute=0,
                    end_minute=0,
                    tz=window.tz,
                    set_by=user,
                )
                row.start_minute, row.end_minute, row.tz = (
                    window.start_minute,
                    window.end_minute,
                    window.tz,
                )
                row.set_by, row.set_at = user, now
                session.add(row)
            session.add(
                AuditEvent(
                    at=now,
                    user=user,
                    action="quiet.set" if window else "quiet.off",
                    subject="quiet_hours",
                    detail={"team": follower.team_id, "target": follower.target, "set": argument},
                )
            )
        return quiet_message(follower=follower, window=window, changed=True)
