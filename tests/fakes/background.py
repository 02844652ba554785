"""What every fake server shares: `with Fake() as fake:` starts it and always stops it."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class BackgroundServer:
    """Context-manager plumbing for a server with `start()` and `stop()`."""

    def start(self) -> Self:
        """Start serving (implemented by each fake)."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving (implemented by each fake)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        """Start the server."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()
