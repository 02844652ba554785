"""Every way in: the command dispatcher, Block Kit builders, the terminal shell and the CLI."""
