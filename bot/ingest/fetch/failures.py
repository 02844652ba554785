"""Why a page could not be fetched, in words: trafilatura logs the error and returns None.

The log records still go to the log; this only reads the ones raised in this thread while
one fetch runs, and says what they mean ("the site did not answer (connection refused)").
"""

import logging
import threading
from http import HTTPStatus
from types import TracebackType

_LOGGER = "trafilatura"
# Words for what went wrong, by what the error says; the first that fits is used.
_IN_WORDS = (
    (("ssrf protection",), "the address is inside the newsroom's network"),
    (("failed to resolve", "name or service not known", "nodename nor servname", "getaddrinfo"),
     "no such site (its name does not resolve)"),
    (("connection refused",), "the site did not answer (connection refused)"),
    (("timed out", "timeout"), "the site did not answer in time"),
    (("certificate", "ssl"), "its secure connection could not be verified"),
    (("too many redirects",), "it redirects too many times"),
    (("connection reset", "remote end closed", "connection aborted", "broken pipe"),
     "the site cut the connection"),
    (("network is unreachable", "no route to host"), "the network could not reach the site"),
    (("exceeds", "too large", "max_file_size"), "the page is too large"),
)  # fmt: skip


class Failures(logging.Handler):
    """While open, the errors trafilatura logs in this thread."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def __enter__(self) -> "Failures":
        logging.getLogger(_LOGGER).addHandler(self)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        logging.getLogger(_LOGGER).removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)

    def reason(self) -> str:
        """What failed, in words; a plain fallback when nothing was logged."""
        for record in self.records:
            args = record.args if isinstance(record.args, tuple) else ()
            if str(record.msg).startswith("not a 200 response") and args:
                return _status(args[0])
            said = " ".join(str(arg) for arg in args).casefold()
            for needles, words in _IN_WORDS:
                if any(needle in said for needle in needles):
                    return words
        if self.records:
            return "the download failed"
        return "the page was empty or could not be read"


def _status(code: object) -> str:
    try:
        phrase = HTTPStatus(int(str(code))).phrase
    except ValueError:
        return f"the site answered {code}"
    return f"the site answered {code} ({phrase.casefold()})"
