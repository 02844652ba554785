"""Shift alerts: queued with the position that causes them, sent once per follower."""
