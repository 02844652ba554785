"""Real-network fakes of Slack for tests: a Web API server, request signing, Socket Mode."""
