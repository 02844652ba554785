"""What Standpoint knows and does. No Slack imports: handlers/ adapts this to each transport."""
