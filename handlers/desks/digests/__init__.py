"""The digest desk: schedules, due runs, content built once per tick, the digest's chart."""
