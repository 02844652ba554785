"""Fetch an article's text from a URL (trafilatura), refusing addresses inside the network."""

import ipaddress
import logging
import socket
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from bot.errors import UserError
from bot.ingest.article_dates import noon_utc
from bot.ingest.fetch.failures import Failures as _Failures

log = logging.getLogger(__name__)
MAX_ARTICLE_CHARS = 200_000


@dataclass(frozen=True)
class Article:
    url: str
    title: str
    text: str
    outlet: str
    published_at: datetime | None = None  # the page's own date, when it states one


def fetch_article(url: str, *, allow_private: bool) -> Article:
    """The main text of the page at `url`, or a UserError saying why not."""
    host = urlsplit(url).hostname or ""
    if not allow_private and _is_internal(host):
        raise UserError("That address is inside the newsroom's network; I only fetch public pages.")
    # trafilatura vets the address it actually connects to (DNS rebinding included); the
    # check above only gives the clearer message. Both are off only when told to be.
    # Imported here: trafilatura costs about 0.15 s to import, and only ingest of a URL needs it.
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    with _Failures() as failures:
        html = trafilatura.fetch_url(url, config=config)
    if not html:
        log.info("fetch failed: host=%s", host)
        shown = url if len(url) <= 200 else url[:199] + "…"
        raise UserError(
            f"Could not fetch {shown}: {failures.reason()}.",
            hint="Paste the article's text instead.",
        )
    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    if not text.strip():
        raise UserError("I couldn't find an article on that page.", hint="Paste its text instead.")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata and metadata.title else "")[:500]
    outlet = metadata.sitename if metadata and metadata.sitename else host.removeprefix("www.")
    return Article(
        url=url,
        title=title,
        text=text[:MAX_ARTICLE_CHARS],
        outlet=outlet[:200],
        published_at=_page_date(metadata.date if metadata else None),
    )


def _page_date(found: str | None) -> datetime | None:
    """trafilatura's YYYY-MM-DD (a day, no time); None when the page states no date."""
    try:
        return noon_utc(date.fromisoformat((found or "")[:10]))
    except ValueError:
        return None


def _is_internal(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # unresolvable: the fetch itself will fail with a clear message
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
        ):
            return True
    return False
