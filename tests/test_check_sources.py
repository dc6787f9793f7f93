"""The opt-in source check, against a local server standing in for the cited sites.

Fact files must cite public host names (an IP address is an error), so the fixture's facts
cite names under example.org and example.net, and the checker reaches them through a local
HTTP proxy on 127.0.0.1: the standard ``http_proxy`` setting for the command line, an
injected opener for the module. The server answers by host and path, as the real sites would.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from conftest import REPO, TODAY, CliRunner, write
from localserver import serving
from reviewrepo import edit, git

from factsite.pipeline import Layout, check_project
from factsite.sourcecheck import sources

OK = "http://ok.example.org/report"
HEAD_REFUSED = "http://ok.example.org/no-head"
MISSING = "http://gone.example.org/removed"
FLAKY = "http://flaky.example.net/busy"
SLOW = "http://slow.example.org/page"
NEW_OK = "http://ok.example.org/report-2"
GONE = "http://gone.example.org/withdrawn"
MOVED = "http://moved.example.org/old"
ELSEWHERE = "http://elsewhere.example.net/new"

ANSWERS = {OK: 200, HEAD_REFUSED: 200, MISSING: 404, FLAKY: 503, SLOW: 200, NEW_OK: 200, GONE: 410, ELSEWHERE: 200}
REDIRECTS = {MOVED: ELSEWHERE}


class _Sites(BaseHTTPRequestHandler):
    """Answers a proxy request (``GET http://host/path``) as the site at that host would."""

    seen: ClassVar[list[tuple[str, str]]] = []

    def _answer(self) -> None:
        parts = urlsplit(self.path)
        url = f"http://{self.headers['Host']}{parts.path}"
        self.seen.append((self.command, url))
        if url == SLOW:
            time.sleep(0.6)
        status = ANSWERS.get(url, 404)
        if url == HEAD_REFUSED and self.command == "HEAD":
            status = 405
        body = b"<!doctype html><title>page</title>"
        if url in REDIRECTS:
            status = 301
            self.send_response(status)
            self.send_header("Location", REDIRECTS[url])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    do_GET = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    with serving(_Sites) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def opener(proxy: str) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy}))


CLAIM = """\
kind: claim
title: {title}
date: "1991-12-21"
claim: Tajikistan and Russia were among the states that signed the Alma-Ata Protocol.
claimant:
  name: The signatory states
appearance:
  url: {appearance}
  publisher: A publisher
  date: "1991-12-21"
verdict: accurate
conclusion: The protocol was signed on that day by both states.
sources:
{sources}tags: [treaties]
actors: [russia, tajikistan]
checked: "2026-11-28"
status: published
"""
"""A claim citing the URLs under test; the source-report and archive tests write it too."""


def source_item(url: str, archive: str | None = None, archived: str | None = None) -> str:
    """One item of `CLAIM`'s sources, as YAML."""
    lines = [f"  - url: {url}", "    publisher: A publisher", "    title: A source page", "    published: undated"]
    lines.append('    accessed: "2026-11-28"')
    if archive:
        lines.append(f"    archive_url: {archive}")
    if archived:
        lines.append(f'    archived: "{archived}"')
    return "\n".join(lines) + "\n"


def _fact(root: Path, slug: str, appearance: str, source: str, archive: str) -> None:
    text = CLAIM.format(title=f"Fact {slug}", appearance=appearance, sources=source_item(source, archive))
    write(root / "facts" / f"1991-12-21--{slug}.yml", text)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Three facts: one citing only working pages, one a removed page, one a flaky host."""
    shutil.copytree(REPO / "vocab", tmp_path / "vocab")
    _fact(tmp_path, "all-good", OK, HEAD_REFUSED, OK)
    _fact(tmp_path, "page-removed", OK, MISSING, OK)
    _fact(tmp_path, "flaky-host", FLAKY, OK, OK)
    assert not check_project(Layout.of(tmp_path), today=TODAY).report.errors
    return tmp_path


@pytest.fixture
def allow_list(tmp_path: Path) -> Path:
    return write(tmp_path / "flaky.yml", "- host: example.net\n  reason: answers 503 when busy\n")


@pytest.fixture
def via_proxy(proxy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reaches the fixture's hosts through the local server, by the standard setting."""
    for name in ("no_proxy", "NO_PROXY", "http_proxy", "HTTP_PROXY", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", proxy)
    monkeypatch.setattr(sources, "RETRY_DELAY", 0.0)  # the retry itself is tested; waiting for it is not


def _cli(run_cli: CliRunner, project: Path, allow_list: Path, *extra: str) -> tuple[int, str]:
    return run_cli(
        "check-sources", "--root", project, "--allow-list", allow_list, "--timeout", "2", "--today", TODAY, *extra
    )


@pytest.mark.usefixtures("via_proxy")
def test_a_removed_page_is_an_error_at_its_file_and_line(run_cli: CliRunner, project: Path, allow_list: Path) -> None:
    code, out = _cli(run_cli, project, allow_list, "--format", "text")
    assert code == 1, out
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert errors == [
        f"facts/1991-12-21--page-removed.yml:14:10: error: sources[0].url: {MISSING} answered 404 Not Found "
        "[source-link]"
    ]
    assert "4 distinct URLs fetched" in out


@pytest.mark.usefixtures("via_proxy")
def test_a_failure_on_an_allow_listed_host_is_only_a_warning(
    run_cli: CliRunner, project: Path, allow_list: Path, tmp_path: Path
) -> None:
    (project / "facts" / "1991-12-21--page-removed.yml").unlink()
    code, out = _cli(run_cli, project, allow_list, "--format", "text")
    assert code == 0, out
    assert out.splitlines()[0] == (
        f"facts/1991-12-21--flaky-host.yml:8:8: warning: appearance.url: {FLAKY} answered 503 Service Unavailable "
        "(allow-listed host example.net: answers 503 when busy) [source-link]"
    )
    assert "0 errors and 1 warning" in out

    empty = write(tmp_path / "none.yml", "[]\n")
    code, out = _cli(run_cli, project, empty, "--format", "text")
    assert code == 1, out
    assert f"8:8: error: appearance.url: {FLAKY} answered 503" in out


@pytest.mark.usefixtures("via_proxy")
def test_json_output_names_file_line_url_and_level(run_cli: CliRunner, project: Path, allow_list: Path) -> None:
    code, out = _cli(run_cli, project, allow_list, "--format", "json")
    assert code == 1
    found = {(p["path"], p["line"], p["level"], p["field"]) for p in json.loads(out)["problems"]}
    assert found == {
        ("facts/1991-12-21--page-removed.yml", 14, "error", "sources[0].url"),
        ("facts/1991-12-21--flaky-host.yml", 8, "warning", "appearance.url"),
    }


def test_each_url_is_fetched_once_head_first_with_get_when_head_is_refused(
    project: Path, opener: urllib.request.OpenerDirector
) -> None:
    _Sites.seen.clear()
    facts = check_project(Layout.of(project), today=TODAY).facts
    result = sources.check_sources(facts, project, opener=opener, timeout=2, retry_delay=0)
    asked = sorted(_Sites.seen)
    assert asked.count(("HEAD", OK)) == 1  # cited six times, fetched once
    assert ("GET", OK) not in asked
    assert asked.count(("HEAD", HEAD_REFUSED)) == asked.count(("GET", HEAD_REFUSED)) == 1
    assert asked.count(("GET", FLAKY)) == 2, "a 5xx answer is tried once more"
    assert asked.count(("GET", MISSING)) == 1, "a 404 is not retried"
    assert result.urls_checked == 4
    assert [p.level.name for p in result.report] == ["ERROR", "ERROR"]  # no allow-list given


def test_a_slow_answer_times_out_and_is_retried_once(opener: urllib.request.OpenerDirector) -> None:
    _Sites.seen.clear()
    answer = sources.fetch(SLOW, opener=opener, timeout=0.2, retry_delay=0)
    assert not answer.ok
    assert answer.failure == "no answer within 0.2 s"
    assert _Sites.seen.count(("HEAD", SLOW)) == 2


def test_the_user_agent_names_the_project() -> None:
    assert "factsite" in sources.USER_AGENT
    assert sources.USER_AGENT.startswith("Mozilla/5.0 (compatible; ")


def test_the_project_allow_list_gives_a_reason_for_every_host() -> None:
    hosts = sources.load_flaky_hosts()
    assert 1 <= len(hosts) <= 6
    assert all(entry.reason and "\n" not in entry.reason for entry in hosts)
    assert hosts[0].matches("en." + hosts[0].host) and not hosts[0].matches("x" + hosts[0].host)


def test_a_malformed_allow_list_is_a_usage_error(run_cli: CliRunner, project: Path, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yml", "- host: example.net\n")
    code, out = _cli(run_cli, project, bad)
    assert code == 2
    assert out == ""


def test_facts_with_errors_are_reported_and_nothing_is_fetched(
    run_cli: CliRunner, project: Path, allow_list: Path
) -> None:
    _Sites.seen.clear()
    write(project / "facts" / "1991-12-21--broken.yml", "title: [\n")
    code, out = _cli(run_cli, project, allow_list, "--format", "text")
    assert code == 1
    assert "facts/1991-12-21--broken.yml:" in out
    assert not _Sites.seen


# --- only what a pull request adds or changes: check-sources --changed --base REF ----------------


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A git project whose base cites a dead page; the pull request moves one URL and adds a fact."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "vocab", root / "vocab")
    _fact(root, "all-good", OK, HEAD_REFUSED, OK)
    _fact(root, "page-removed", OK, MISSING, OK)
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    edit(root / "facts/1991-12-21--all-good.yml", f"  - url: {HEAD_REFUSED}", f"  - url: {NEW_OK}")
    _fact(root, "new-fact", OK, GONE, MOVED)
    return root


@pytest.mark.usefixtures("via_proxy")
def test_changed_fetches_only_the_new_urls(run_cli: CliRunner, pull_request: Path, allow_list: Path) -> None:
    _Sites.seen.clear()
    code, out = _cli(run_cli, pull_request, allow_list, "--changed", "--base", "main", "--format", "text")
    assert code == 1, out
    assert out.splitlines() == [
        f"facts/1991-12-21--new-fact.yml:14:10: error: sources[0].url: {GONE} answered 410 Gone [source-link]",
        f"facts/1991-12-21--new-fact.yml:19:18: warning: sources[0].archive_url: {MOVED} redirects to another "
        f"site, {ELSEWHERE}; check that it is still the page cited, and cite the new address if it is "
        "[source-redirect]",
        "1 error and 1 warning in 1 file (2 fact files checked)",
        "4 new or changed URLs fetched",
    ]
    fetched = {url for _, url in _Sites.seen}
    assert fetched == {OK, NEW_OK, GONE, MOVED, ELSEWHERE}, "the URLs the pull request adds, and where one leads"
    assert MISSING not in fetched, "a dead page under an untouched fact is not this pull request's doing"


@pytest.mark.usefixtures("via_proxy")
def test_changed_with_nothing_new_fetches_nothing(run_cli: CliRunner, pull_request: Path, allow_list: Path) -> None:
    git(pull_request, "checkout", "-q", "--", ".")
    (pull_request / "facts/1991-12-21--new-fact.yml").unlink()
    _Sites.seen.clear()
    code, out = _cli(run_cli, pull_request, allow_list, "--changed", "--base", "main", "--format", "text")
    assert (code, out.splitlines()[-1]) == (0, "0 new or changed URLs fetched")
    assert not _Sites.seen


def test_changed_needs_a_base(
    run_cli: CliRunner, pull_request: Path, allow_list: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(run_cli, pull_request, allow_list, "--changed")[0] == 2
    assert "--changed and --base REF go together" in capsys.readouterr().err


# --- every answer a new URL can get, from a local server at two host names -----------------------


BIG = 256 * 1024 * 1024
"""Bytes the large page claims and would send: far more than a check may read."""


class _Local(BaseHTTPRequestHandler):
    """A site on 127.0.0.1, reachable as ``localhost`` too: two host names for one server."""

    sent: ClassVar[list[int]] = []

    def _answer(self) -> None:
        path = self.path
        if path == "/slow":
            time.sleep(0.6)
        if path.startswith("/to-localhost") or path == "/same-host":
            port = self.server.server_address[1]
            target = f"http://localhost:{port}/ok" if path != "/same-host" else "/ok"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = {"/ok": 200, "/slow": 200, "/missing": 404, "/gone": 410, "/big": 200}.get(path, 404)
        if path == "/big" and self.command == "HEAD":
            status = 405  # the checker must then GET the large page
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(BIG if path == "/big" else 2))
        self.end_headers()
        if self.command == "GET" and path == "/big":
            self._stream()
        elif self.command == "GET":
            self.wfile.write(b"ok")

    def _stream(self) -> None:
        chunk, sent = b"x" * 65536, 0
        try:
            while sent < BIG:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the checker hung up, as it should
        finally:
            self.sent.append(sent)

    do_GET = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local() -> Iterator[int]:
    with serving(_Local) as port:
        yield port


@pytest.fixture
def direct() -> urllib.request.OpenerDirector:
    """No proxy, whatever the environment says: these URLs are the local server itself."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _fetch(url: str, opener: urllib.request.OpenerDirector, **options: float) -> sources.Answer:
    return sources.fetch(url, opener=opener, timeout=options.get("timeout", 2), retry_delay=0)


def test_a_page_that_answers_is_ok(local: int, direct: urllib.request.OpenerDirector) -> None:
    answer = _fetch(f"http://127.0.0.1:{local}/ok", direct)
    assert (answer.ok, answer.status, answer.moved_away) == (True, 200, False)


@pytest.mark.parametrize(("path", "failure"), [("missing", "answered 404 Not Found"), ("gone", "answered 410 Gone")])
def test_a_page_that_is_not_there_fails(
    local: int, direct: urllib.request.OpenerDirector, path: str, failure: str
) -> None:
    answer = _fetch(f"http://127.0.0.1:{local}/{path}", direct)
    assert (answer.ok, answer.failure) == (False, failure)


def test_a_redirect_to_another_host_is_noticed(local: int, direct: urllib.request.OpenerDirector) -> None:
    answer = _fetch(f"http://127.0.0.1:{local}/to-localhost", direct)
    assert answer.ok and answer.moved_away
    assert answer.final_url == f"http://localhost:{local}/ok"
    same = _fetch(f"http://127.0.0.1:{local}/same-host", direct)
    assert same.ok and not same.moved_away and same.final_url == f"http://127.0.0.1:{local}/ok"


def test_a_redirect_that_only_adds_www_is_the_same_site() -> None:
    answer = sources.Answer("http://example.org/a", 200, final_url="https://www.example.org/a")
    assert not answer.moved_away


def test_no_answer_in_time_fails_after_the_retries(local: int, direct: urllib.request.OpenerDirector) -> None:
    started = time.monotonic()
    answer = sources.fetch(f"http://127.0.0.1:{local}/slow", opener=direct, timeout=0.2, retries=2, retry_delay=0)
    assert (answer.ok, answer.failure) == (False, "no answer within 0.2 s")
    assert time.monotonic() - started < 3


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: nothing listens there


def test_a_tls_failure_fails(local: int, direct: urllib.request.OpenerDirector) -> None:
    refused = _fetch(f"https://127.0.0.1:{_closed_port()}/", direct)
    assert not refused.ok and refused.status is None
    assert refused.failure is not None and refused.failure.startswith("cannot connect: ")
    plain = _fetch(f"https://127.0.0.1:{local}/ok", direct)  # TLS spoken to a server that speaks plain HTTP
    assert not plain.ok and plain.status is None
    assert plain.failure is not None and "SSL" in plain.failure


def test_a_very_large_page_is_not_read_whole(local: int, direct: urllib.request.OpenerDirector) -> None:
    _Local.sent.clear()
    started = time.monotonic()
    answer = _fetch(f"http://127.0.0.1:{local}/big", direct, timeout=5)
    assert (answer.ok, answer.status) == (True, 200)
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 5
    while not _Local.sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _Local.sent and _Local.sent[0] < BIG // 8, "the checker read far more of the page than it needed"


def test_an_event_cites_its_sources_and_no_appearance() -> None:
    event = {"kind": "event", "summary": "It happened.", "sources": [{"url": OK, "archive_url": MISSING}]}
    assert sources.cited_urls(event) == [(("sources", 0, "url"), OK), (("sources", 0, "archive_url"), MISSING)]


def test_a_redirect_is_no_dead_link_in_the_broken_source_report(project: Path) -> None:
    from factsite.problems import Level, Problem, Report
    from factsite.sourcecheck.source_report import dead_links

    facts = check_project(Layout.of(project), today=TODAY).facts
    path = facts[0].path

    def report(rule: str) -> sources.SourceReport:
        return sources.SourceReport(Report([Problem(path, 15, 10, rule, "sources[0].url", "…", Level.WARNING)]), 1)

    assert dead_links(report(sources.MOVED_RULE), facts) == {}
    assert list(dead_links(report(sources.RULE), facts)) == [facts[0].sources[0].url]
