"""``factsite archive`` against a local server that answers as the Internet Archive does.

The server on 127.0.0.1 stands in for both endpoints: ``/wayback/available`` answers with
the availability API's documented shapes, chosen by the host of the URL asked about, and
``/save/<url>`` records a Save Page Now request. The real client code runs unchanged; only
its base URLs point here. No test touches the network.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import REPO, TODAY, CliRunner, write
from localserver import serving
from test_check_sources import CLAIM, source_item

from factsite.pipeline import Layout, check_project
from factsite.wayback import NoSnapshot, Snapshot, Wayback, WaybackError, retry_after_seconds

GOLDEN = Path(__file__).parent / "golden"

FOUND = "https://found.example.org/report"
NONE = "https://none.example.org/page"
LIMITED = "https://limited.example.org/page"
"""Answers 429 with Retry-After: 1 the first time it is asked about, then a snapshot."""
LIMITED_LONG = "https://limited-long.example.org/page"
"""Answers 429 asking for an hour's wait."""
BROKEN = "https://broken.example.org/page"
GARBLED = "https://garbled.example.org/page"
SLOW = "https://slow.example.org/page"
NOT_A_COPY = "https://redirect.example.org/page"


def snapshot_answer(url: str, timestamp: str, status: str = "200") -> dict[str, object]:
    return {
        "url": url,
        "archived_snapshots": {
            "closest": {
                "status": status,
                "available": True,
                "url": f"http://web.archive.org/web/{timestamp}/{url}",
                "timestamp": timestamp,
            }
        },
    }


class _Archive(BaseHTTPRequestHandler):
    asked: ClassVar[list[tuple[str, str]]] = []
    """(endpoint, the URL asked about), in order."""
    limited_once: ClassVar[set[str]] = set()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.startswith("/save/"):
            target = self.path[len("/save/") :]
            self.asked.append(("save", target))
            return self._send(200, b"<!doctype html><title>Saved</title>", "text/html")
        query = parse_qs(parts.query)
        url, timestamp = query["url"][0], query["timestamp"][0]
        self.asked.append(("available", f"{url} {timestamp}"))
        host = urlsplit(url).hostname
        if host == "none.example.org":
            return self._json({"url": url, "archived_snapshots": {}})
        if host == "limited.example.org" and url not in self.limited_once:
            self.limited_once.add(url)
            return self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "1"})
        if host == "limited-long.example.org":
            return self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "3600"})
        if host == "broken.example.org":
            return self._send(503, b"Service Unavailable", "text/plain")
        if host == "garbled.example.org":
            return self._send(200, b"<html>not json</html>", "text/html")
        if host == "slow.example.org":
            time.sleep(1.5)
        if host == "redirect.example.org":
            return self._json(snapshot_answer(url, "20220905123456", status="302"))
        return self._json(snapshot_answer(url, "20220905123456"))

    def _json(self, data: object) -> None:
        self._send(200, json.dumps(data).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (the slow case)
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def archive_server() -> Iterator[str]:
    with serving(_Archive) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local server is reached directly, whatever proxy the machine sets."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    _Archive.asked.clear()
    _Archive.limited_once.clear()


def client(base: str, *, timeout: float = 0.5, max_retry_after: float = 5.0) -> Wayback:
    return Wayback(
        availability_url=f"{base}/wayback/available",
        save_url=f"{base}/save/",
        timeout=timeout,
        interval=0.0,
        max_retry_after=max_retry_after,
        opener=urllib.request.build_opener(urllib.request.ProxyHandler({})),
    )


# --- the client, one documented answer at a time -----------------------------------------


def test_a_snapshot_found_gives_its_https_address_and_day(archive_server: str) -> None:
    answer = client(archive_server).closest(FOUND, dt.date(2022, 9, 6))
    assert answer == Snapshot(f"https://web.archive.org/web/20220905123456/{FOUND}", dt.date(2022, 9, 5))
    assert _Archive.asked == [("available", f"{FOUND} 20220906")]


def test_no_snapshot_is_not_an_error(archive_server: str) -> None:
    assert client(archive_server).closest(NONE, TODAY) == NoSnapshot("the Wayback Machine holds no snapshot")


def test_a_snapshot_of_a_redirect_or_error_page_is_not_an_archived_copy(archive_server: str) -> None:
    answer = client(archive_server).closest(NOT_A_COPY, TODAY)
    assert answer == NoSnapshot("the closest snapshot is not a copy of the page (status 302)")


def test_429_waits_as_long_as_retry_after_says_then_asks_once_more(archive_server: str) -> None:
    slept: list[float] = []
    answer = client(archive_server, max_retry_after=5.0)
    answer.sleep = slept.append
    assert isinstance(answer.closest(LIMITED, TODAY), Snapshot)
    assert slept == [1.0]
    assert [asked for _, asked in _Archive.asked] == [f"{LIMITED} {TODAY:%Y%m%d}"] * 2


def test_429_asking_for_more_than_the_cap_is_reported_without_waiting(archive_server: str) -> None:
    slept: list[float] = []
    wayback = client(archive_server, max_retry_after=5.0)
    wayback.sleep = slept.append
    with pytest.raises(WaybackError, match=r"answered 429 Too Many Requests and asks to wait 3600; run again later"):
        wayback.closest(LIMITED_LONG, TODAY)
    assert slept == []


def test_a_5xx_is_reported(archive_server: str) -> None:
    with pytest.raises(WaybackError, match=r"^availability API answered 503 Service Unavailable$"):
        client(archive_server).closest(BROKEN, TODAY)


def test_an_answer_that_is_not_json_is_reported(archive_server: str) -> None:
    with pytest.raises(WaybackError, match=r"^availability API answered with something that is not JSON$"):
        client(archive_server).closest(GARBLED, TODAY)


def test_a_slow_answer_times_out_and_is_reported(archive_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(WaybackError, match=r"^availability API gave no answer within 0.5 s$"):
        client(archive_server, timeout=0.5).closest(SLOW, TODAY)
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'{"archived_snapshots": []}',
        b'{"archived_snapshots": {"closest": "yes"}}',
        b'{"archived_snapshots": {"closest": {"status": "200", "available": true, "timestamp": "20220905123456"}}}',
        b'{"archived_snapshots": {"closest": {"status": "200", "available": true, "url": "http://web.archive.org/x",'
        b' "timestamp": "2022"}}}',
        b'{"archived_snapshots": {"closest": {"status": "200", "available": true, "url": "http://web.archive.org/x",'
        b' "timestamp": "20221345123456"}}}',
    ],
)
def test_json_of_another_shape_is_reported(body: bytes) -> None:
    from factsite.wayback import parse_availability

    with pytest.raises(WaybackError, match="availability API answer"):
        parse_availability(body)


def test_requests_are_spaced_by_the_interval() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    wayback = Wayback(interval=2.0, sleep=sleep, clock=lambda: now[0])
    wayback._wait_turn()
    now[0] += 0.5
    wayback._wait_turn()
    now[0] += 3.0
    wayback._wait_turn()
    assert slept == [1.5]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("30", now=now) == 30.0
    assert retry_after_seconds("Sat, 28 Nov 2026 12:01:00 GMT", now=now) == 60.0
    assert retry_after_seconds("soon", now=now) is None
    assert retry_after_seconds(None, now=now) is None


# --- the command, on fact files ----------------------------------------------------------


def _fact(root: Path, slug: str, *urls: str) -> Path:
    sources = "".join(source_item(url) for url in urls)
    text = CLAIM.format(title=f"Fact {slug}", appearance="https://news.example.org/alma-ata", sources=sources)
    return write(root / "facts" / f"1991-12-21--{slug}.yml", text)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "vocab", tmp_path / "vocab")
    return tmp_path


def _archive(run_cli: CliRunner, root: Path, base: str, *extra: str) -> tuple[int, str]:
    return run_cli(
        "archive",
        "--root",
        root,
        "--availability-url",
        f"{base}/wayback/available",
        "--save-url",
        f"{base}/save/",
        "--interval",
        "0",
        "--timeout",
        "0.5",
        "--max-retry-after",
        "5",
        "--today",
        TODAY,
        *extra,
    )


UNUSUAL = """\
# yaml-language-server: $schema=../src/factsite/schema/fact.schema.json
# A file written by hand: comments everywhere, every quoting style, a flow list.
kind: claim
title: 'Fact with ''unusual'' quoting'
date: "1991-12-21"
claim: >-
  Tajikistan and Russia were among the states
  that signed the Alma-Ata Protocol.
claimant:
  name: The signatory states
appearance: {url: "https://news.example.org/alma-ata", publisher: A publisher, date: "1991-12-21"}
verdict: accurate   # as of the check below
conclusion: "The protocol was signed on that day by both states."
sources:
  # the treaty text first
  -   url: 'https://found.example.org/treaty'   # copied from the address bar
      publisher: "A publisher"
      title: A source page
      published: undated
      accessed: '2026-11-28'

  - publisher: A second publisher
    title: "A second page"
    url: "https://found.example.org/second?id=1&lang=ru"
    published: "1991-12-22"
    accessed: "2026-11-27"
    # already archived: left as it is
  - url: https://found.example.org/third
    publisher: A third publisher
    title: A third page
    published: undated
    accessed: "2026-11-28"
    archive_url: https://web.archive.org/web/2021/https://found.example.org/third
tags: [treaties]   # one tag
actors: [russia, tajikistan]
checked: "2026-11-28"
status: published
"""


def test_a_file_with_comments_and_unusual_quoting_gains_only_the_new_lines(
    run_cli: CliRunner, project: Path, archive_server: str
) -> None:
    path = write(project / "facts" / "1991-12-21--unusual.yml", UNUSUAL)
    assert not check_project(Layout.of(project), today=TODAY).report.errors
    code, out = _archive(run_cli, project, archive_server, "--write")
    assert code == 0, out
    diff = out[: out.index("facts/1991-12-21--unusual.yml:")]
    golden = GOLDEN / "archive-diff.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(diff, encoding="utf-8")
    assert diff == golden.read_text(encoding="utf-8")
    after = path.read_text(encoding="utf-8")
    added = ("archive_url: https://web.archive.org/web/20220905123456/", 'archived: "2022-09-05"')
    kept = [line for line in after.splitlines() if not line.lstrip().startswith(added)]
    assert kept == UNUSUAL.splitlines()  # nothing else changed, not even a space
    assert len(after.splitlines()) == len(kept) + 4
    assert [asked for _, asked in _Archive.asked] == [
        "https://found.example.org/treaty 20261128",
        "https://found.example.org/second?id=1&lang=ru 20261127",
    ]
    assert out.endswith("2 snapshots found, written to 1 file; 0 sources without one; 0 failed\n")
    result = check_project(Layout.of(project), today=TODAY)
    assert not result.report.errors
    (fact,) = result.facts
    assert [source.archived for source in fact.sources] == [dt.date(2022, 9, 5), dt.date(2022, 9, 5), None]


def test_without_write_the_diff_is_shown_and_nothing_is_written(
    run_cli: CliRunner, project: Path, archive_server: str
) -> None:
    path = _fact(project, "found", FOUND, NONE)
    before = path.read_bytes()
    code, out = _archive(run_cli, project, archive_server)
    assert code == 0, out
    assert path.read_bytes() == before
    assert "+    archive_url: https://web.archive.org/web/20220905123456/https://found.example.org/report\n" in out
    assert '+    archived: "2022-09-05"\n' in out
    assert (
        "facts/1991-12-21--found.yml:19:10: note: sources[1].url: the Wayback Machine holds no snapshot [archive]\n"
    ) in out
    assert out.endswith("1 snapshot found, for 1 file, not written (add --write); 1 source without one; 0 failed\n")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (BROKEN, "availability API answered 503 Service Unavailable"),
        (GARBLED, "availability API answered with something that is not JSON"),
        (SLOW, "availability API gave no answer within 0.5 s"),
        (
            LIMITED_LONG,
            "availability API answered 429 Too Many Requests and asks to wait 3600; run again later "
            "(waits of up to 5 s are honoured once)",
        ),
    ],
    ids=["5xx", "bad-json", "timeout", "429-too-long"],
)
def test_a_failed_lookup_is_reported_at_its_source_and_leaves_the_file_untouched(
    run_cli: CliRunner, project: Path, archive_server: str, url: str, message: str
) -> None:
    path = _fact(project, "mixed", FOUND, url)
    before = path.read_bytes()
    code, out = _archive(run_cli, project, archive_server, "--write")
    assert code == 1, out
    assert path.read_bytes() == before
    assert "+++" not in out  # no diff: the file that had a failure is not edited at all
    assert (
        f"facts/1991-12-21--mixed.yml:19:10: error: sources[1].url: {message}; "
        "facts/1991-12-21--mixed.yml left untouched [archive]\n"
    ) in out
    assert out.endswith("0 snapshots found, written to 0 files; 0 sources without one; 1 failed\n")


def test_a_run_resumes_by_skipping_sources_already_archived(
    run_cli: CliRunner, project: Path, archive_server: str
) -> None:
    good = _fact(project, "good", FOUND)
    _fact(project, "bad", BROKEN)
    assert _archive(run_cli, project, archive_server, "--write")[0] == 1
    written = good.read_bytes()
    assert b"archive_url:" in written
    _Archive.asked.clear()
    assert _archive(run_cli, project, archive_server, "--write")[0] == 1
    assert [asked for _, asked in _Archive.asked] == [f"{BROKEN} 20261128"]  # the archived source is not asked again
    assert good.read_bytes() == written


def test_save_requests_a_capture_only_for_sources_without_a_snapshot(
    run_cli: CliRunner, project: Path, archive_server: str
) -> None:
    _fact(project, "save", FOUND, NONE)
    code, out = _archive(run_cli, project, archive_server, "--save")
    assert code == 0, out
    assert ("save", NONE) in _Archive.asked
    assert ("save", FOUND) not in _Archive.asked
    assert "the Wayback Machine holds no snapshot; capture requested through Save Page Now [archive]" in out
    assert out.endswith("1 source without one (1 captures requested); 0 failed\n")


def test_a_crlf_file_keeps_its_line_endings(run_cli: CliRunner, project: Path, archive_server: str) -> None:
    path = _fact(project, "crlf", FOUND)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert _archive(run_cli, project, archive_server, "--write")[0] == 0
    text = path.read_bytes()
    assert (
        b"\r\n    archive_url: https://web.archive.org/web/20220905123456/https://found.example.org/report\r\n" in text
    )
    assert b"\n" not in text.replace(b"\r\n", b"")


def test_facts_with_errors_are_not_looked_up(run_cli: CliRunner, project: Path, archive_server: str) -> None:
    write(project / "facts" / "1991-12-21--broken.yml", "title: only a title\n")
    code, out = _archive(run_cli, project, archive_server)
    assert code == 1
    assert "error:" in out
    assert _Archive.asked == []


def test_a_snapshot_older_than_the_source_is_not_used(run_cli: CliRunner, project: Path, archive_server: str) -> None:
    path = _fact(project, "newer", FOUND)
    path.write_text(path.read_text(encoding="utf-8").replace("published: undated", 'published: "2023-01"'))
    before = path.read_bytes()
    code, out = _archive(run_cli, project, archive_server, "--write")
    assert code == 0, out
    assert path.read_bytes() == before
    assert (
        "sources[0].url: the closest snapshot, of 2022-09-05, predates the source (2023-01); it is of another page"
    ) in out
    assert ("save", FOUND) not in _Archive.asked
    assert _archive(run_cli, project, archive_server, "--save")[0] == 0
    assert ("save", FOUND) in _Archive.asked  # a capture of the page as it is now is requested
