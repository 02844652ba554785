"""Multi-workspace install by OAuth: Bolt's flow, encrypted installations, per-workspace clients."""
