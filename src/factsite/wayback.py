"""A client for the Internet Archive's availability API and Save Page Now, for `factsite archive`.

Both are public endpoints without a key. The availability API answers, for a URL and a
timestamp, the closest snapshot the Wayback Machine holds::

    {"url": "...", "archived_snapshots": {"closest": {"status": "200", "available": true,
     "url": "http://web.archive.org/web/20220905123456/https://...", "timestamp": "20220905123456"}}}

or ``{"archived_snapshots": {}}`` when it holds none. Save Page Now captures a page when
asked with ``GET https://web.archive.org/save/<url>``.

The client is polite and predictable rather than fast: one request at a time, at least
`INTERVAL` seconds apart; a timeout per request; a 429 answer's ``Retry-After`` honoured
once, up to `MAX_RETRY_AFTER` seconds. Anything else that is not a clean answer (a 5xx,
JSON that is not the documented shape, no answer in time) is a `WaybackError` naming what
happened, for the caller to report against the one source it concerns. The base URLs are
parameters, so the tests point them at a local server; the standard library is enough.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

AVAILABILITY_URL = "https://archive.org/wayback/available"
SAVE_URL = "https://web.archive.org/save/"
USER_AGENT = "factsite-archive/1.0 (archives the sources cited by a fact-check site)"
TIMEOUT = 30.0
"""Seconds per request; Save Page Now takes a while to capture a page."""
INTERVAL = 2.0
"""Seconds between two requests: the archive asks automated clients to go slowly."""
MAX_RETRY_AFTER = 120.0
"""The longest ``Retry-After`` waited for; a longer one is reported, not slept through."""
TOO_MANY_REQUESTS = 429

_TIMESTAMP = re.compile(r"[0-9]{14}")


class WaybackError(Exception):
    """A request that gave no usable answer; the message says what happened."""


@dataclass(frozen=True)
class Snapshot:
    """A capture of a page: its address in the archive and the day it was made."""

    url: str
    day: dt.date


@dataclass(frozen=True)
class NoSnapshot:
    """The archive holds no usable capture; `reason` says why, for the report."""

    reason: str
    capture_requested: bool = False


class Wayback:
    """The two endpoints, behind one rate limit."""

    def __init__(
        self,
        *,
        availability_url: str = AVAILABILITY_URL,
        save_url: str = SAVE_URL,
        timeout: float = TIMEOUT,
        interval: float = INTERVAL,
        max_retry_after: float = MAX_RETRY_AFTER,
        opener: urllib.request.OpenerDirector | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.availability_url = availability_url
        self.save_url = save_url
        self.timeout = timeout
        self.interval = interval
        self.max_retry_after = max_retry_after
        self.opener = opener or urllib.request.build_opener()  # honours https_proxy and friends
        self.sleep = sleep
        self.clock = clock
        self._last: float | None = None

    def closest(self, url: str, near: dt.date) -> Snapshot | NoSnapshot:
        """The snapshot of `url` closest to the day `near` (the day we read the page)."""
        query = urlencode({"url": url, "timestamp": near.strftime("%Y%m%d")})
        body = self._get(f"{self.availability_url}?{query}", "availability API")
        return parse_availability(body)

    def save(self, url: str) -> None:
        """Ask Save Page Now to capture `url`; the capture shows in the availability API later."""
        self._get(self.save_url + url, "Save Page Now")

    def _get(self, url: str, service: str) -> bytes:
        """The body of a 2xx answer to GET `url`, waiting out one 429 within the cap."""
        for attempt in (1, 2):
            self._wait_turn()
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    return bytes(response.read(1_000_000))
            except urllib.error.HTTPError as exc:
                retry_after = exc.headers.get("Retry-After") if exc.headers else None
                exc.close()
                if exc.code != TOO_MANY_REQUESTS:
                    raise WaybackError(f"{service} answered {exc.code} {exc.reason}".rstrip()) from None
                wait = retry_after_seconds(retry_after, now=dt.datetime.now(dt.UTC))
                if wait is None or wait > self.max_retry_after or attempt == 2:
                    asked = f" and asks to wait {retry_after}" if retry_after else ""
                    raise WaybackError(
                        f"{service} answered 429 Too Many Requests{asked}; run again later "
                        f"(waits of up to {self.max_retry_after:g} s are honoured once)"
                    ) from None
                self.sleep(wait)
            except (TimeoutError, urllib.error.URLError) as exc:
                reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
                if isinstance(reason, TimeoutError):
                    raise WaybackError(f"{service} gave no answer within {self.timeout:g} s") from None
                raise WaybackError(f"cannot reach the {service}: {reason}") from None
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                raise WaybackError(f"{service} connection failed: {exc.__class__.__name__} {exc}".rstrip()) from None
        raise AssertionError("unreachable")  # pragma: no cover - the second attempt returns or raises

    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.interval:
            self.sleep(self.interval - (now - self._last))
        self._last = self.clock()


def retry_after_seconds(value: str | None, *, now: dt.datetime) -> float | None:
    """The wait a ``Retry-After`` header asks for (seconds or an HTTP date), else ``None``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def parse_availability(body: bytes) -> Snapshot | NoSnapshot:
    """The snapshot an availability API answer names, refusing anything but the documented shape."""
    try:
        data: Any = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WaybackError("availability API answered with something that is not JSON") from None
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    if not isinstance(snapshots, dict):
        raise WaybackError("availability API answer has no 'archived_snapshots' object")
    closest = snapshots.get("closest")
    if closest is None:
        return NoSnapshot("the Wayback Machine holds no snapshot")
    if not isinstance(closest, dict):
        raise WaybackError("availability API answer has a 'closest' that is not an object")
    url, timestamp, status = closest.get("url"), closest.get("timestamp"), closest.get("status")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise WaybackError("availability API answer has no snapshot URL")
    if not isinstance(timestamp, str) or not _TIMESTAMP.fullmatch(timestamp):
        raise WaybackError(f"availability API answer has a timestamp that is not YYYYMMDDhhmmss: {timestamp!r}")
    try:
        day = dt.date(int(timestamp[:4]), int(timestamp[4:6]), int(timestamp[6:8]))
    except ValueError:
        raise WaybackError(f"availability API answer has a timestamp that is not a date: {timestamp!r}") from None
    if closest.get("available") is not True or status != "200":
        return NoSnapshot(f"the closest snapshot is not a copy of the page (status {status})")
    return Snapshot(secure(url), day)


def secure(url: str) -> str:
    """The archive answers ``http://web.archive.org/...``; its pages are served over https too."""
    return "https://" + url[len("http://") :] if url.startswith("http://web.archive.org/") else url
