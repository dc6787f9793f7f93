"""Check that every URL the facts cite still answers: the opt-in source check.

The tests never run this (they have no network); ``factsite check-sources`` does, on
request. It takes the facts from the core model, so it checks exactly the URLs the site
publishes: each fact's appearance URL and every source's ``url`` and ``archive_url``
(withdrawn facts included, since their pages stay online). Each distinct URL is fetched
once, and a failure is reported at every place in the fact files that cites it, as a
`Problem` with the file, line and column of the URL, so it prints like the rest of the
checker.

Why the standard library and not linkchecker, which checks the built site: here the
input is a list of URLs taken from the data, not a site to crawl. linkchecker would need
a built site, would fetch and parse every source page looking for more links, and could
not say which fact file and line a URL came from. `urllib.request` with a small thread
pool does the one thing needed, with no dependency and a request we fully control:

* HEAD first (cheap); a server that refuses HEAD or mishandles it (any error status) is
  asked again with GET, so only what a reader's browser would get counts;
* a timeout, and a retry (one by default) after a timeout, a dropped connection or a 5xx answer;
* never a whole body: a GET reads its first kilobyte, enough to see that a page comes;
* at most `PER_HOST` requests at a time to one host, so a fact set citing one outlet
  forty times does not look like an attack;
* an honest User-Agent naming the project (in the browser-like form servers expect).

A URL that ends on another site after its redirects (not merely ``www.`` or https) is a
warning: the page may have moved, or the link may now lead somewhere else.

With ``--changed --base REF`` (the pull-request workflow), only the URLs that the pull
request adds or changes are fetched: a URL of a fact's new version that its base version
did not cite. Nothing else is asked of the network, so a pull request is not failed by
a page that went away under an untouched fact.

Some hosts fail for reasons that say nothing about the page (they block automated
clients, rate-limit, or answer differently by country). They are listed, each with its
reason, in ``flaky-hosts.yml``: a failure there is a warning, anywhere else an error.
A 429 (rate-limited) answer is always a warning: it says nothing about the page.
"""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from factsite.hosts import same_site, url_host
from factsite.model import Fact
from factsite.problems import FieldPath, Level, Problem, Report, format_field_path
from factsite.review.diff import FactsDiff
from factsite.yamlload import LoadedDocument, load_file

RULE = "source-link"
MOVED_RULE = "source-redirect"
"""A warning, not a dead link: the URL answers, but on another site."""
FLAKY_HOSTS = Path(__file__).with_name("flaky-hosts.yml")
USER_AGENT = "Mozilla/5.0 (compatible; factsite-source-check/1.0; checks the sources cited by a fact-check site)"
TIMEOUT = 15.0
"""Seconds per request; some news sites are slow, but a reader would give up long before."""
JOBS = 8
PER_HOST = 2
RETRIES = 1
RETRY_DELAY = 2.0
"""Seconds before a retry (times its number): long enough for a brief overload to pass."""
RATE_LIMITED = 429


@dataclass(frozen=True)
class Citation:
    """One place in a fact file that cites a URL."""

    url: str
    path: str
    line: int
    column: int
    field: str


@dataclass(frozen=True)
class Answer:
    """What fetching one URL gave: `status` (``None`` when no HTTP answer came) and why it failed."""

    url: str
    status: int | None
    failure: str | None = None
    """``None`` when the URL answered with a success (after redirects)."""
    final_url: str = ""
    """Where the redirects, if any, ended; empty when no answer came."""

    @property
    def moved_away(self) -> bool:
        """Whether the redirects ended on another site (``www.`` and the scheme aside)."""
        return bool(self.final_url) and not same_site(url_host(self.url), url_host(self.final_url))

    @property
    def ok(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class FlakyHost:
    host: str
    reason: str

    def matches(self, host: str) -> bool:
        """The host itself or any name under it (``kremlin.ru`` covers ``en.kremlin.ru``)."""
        return host == self.host or host.endswith("." + self.host)


class AllowListError(ValueError):
    """The allow-list file cannot be read or is malformed (a usage error, not a finding)."""


def load_flaky_hosts(path: Path = FLAKY_HOSTS) -> tuple[FlakyHost, ...]:
    """The allow-list at `path`: a YAML list of ``{host, reason}``, each reason required."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AllowListError(f"cannot read the allow-list {path}: {exc}") from None
    entries = data or []
    if not isinstance(entries, list):
        raise AllowListError(f"{path}: expected a list of entries with 'host' and 'reason'")
    hosts = []
    for number, entry in enumerate(entries, 1):
        if (
            not isinstance(entry, dict)
            or set(entry) != {"host", "reason"}
            or not all(isinstance(entry[key], str) and entry[key].strip() for key in ("host", "reason"))
        ):
            raise AllowListError(f"{path}: entry {number} needs exactly a 'host' and a one-line 'reason'")
        hosts.append(FlakyHost(entry["host"].strip().lower().rstrip("."), entry["reason"].strip()))
    return tuple(hosts)


def citations(facts: Iterable[Fact], root: Path) -> list[Citation]:
    """Every URL the facts publish, at its place in its file (files are loaded again for positions)."""
    found = []
    for fact in facts:
        doc = load_file(root / fact.path, fact.path)
        found += [_citation(doc, where, url) for where, url in cited_urls(doc.data)]
    return sorted(found, key=lambda c: (c.path, c.line, c.column))


def changed_citations(diff: FactsDiff) -> list[Citation]:
    """The URLs a pull request adds or changes: those of each fact's new version that its
    base version does not cite (every URL of a new fact), at their place in the new file."""
    found = []
    for change in diff.changes:
        if change.head is None or not isinstance(change.head.doc.data, dict):
            continue
        before = {url for _, url in cited_urls(change.base.data)} if change.base is not None else set()
        found += [
            _citation(change.head.doc, where, url) for where, url in cited_urls(change.head.data) if url not in before
        ]
    return sorted(found, key=lambda c: (c.path, c.line, c.column))


def cited_urls(data: dict[str, object]) -> list[tuple[FieldPath, str]]:
    """The URLs a fact's data publishes, with where each is: the appearance (a claim has
    one), each source and its archived copy. Read from the data, so any valid fact will do."""
    found: list[tuple[FieldPath, str]] = []
    appearance = data.get("appearance")
    if isinstance(appearance, dict) and isinstance(appearance.get("url"), str):
        found.append((("appearance", "url"), appearance["url"]))
    sources = data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        for name in ("url", "archive_url"):
            if isinstance(source, dict) and isinstance(source.get(name), str):
                found.append((("sources", index, name), source[name]))
    return found


def _citation(doc: LoadedDocument, where: FieldPath, url: str) -> Citation:
    line, column = doc.position(where)
    return Citation(url, doc.path, line, column, format_field_path(where))


def fetch_all(
    urls: Iterable[str],
    *,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = TIMEOUT,
    jobs: int = JOBS,
    retries: int = RETRIES,
    retry_delay: float = RETRY_DELAY,
) -> dict[str, Answer]:
    """Fetch each distinct URL once, `jobs` at a time and at most `PER_HOST` per host."""
    opener = opener or urllib.request.build_opener()  # honours http_proxy and friends, as curl does
    distinct = sorted(set(urls))
    gates = {host: threading.Semaphore(PER_HOST) for host in {url_host(url) for url in distinct}}

    def one(url: str) -> Answer:
        with gates[url_host(url)]:
            return fetch(url, opener=opener, timeout=timeout, retries=retries, retry_delay=retry_delay)

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="factsite-sources") as pool:
        return dict(zip(distinct, pool.map(one, distinct), strict=True))


def fetch(
    url: str,
    *,
    opener: urllib.request.OpenerDirector,
    timeout: float,
    retries: int = RETRIES,
    retry_delay: float = RETRY_DELAY,
) -> Answer:
    """HEAD, then GET if HEAD gets an error status; up to `retries` more times after a transient failure."""
    answer, transient = _try(url, opener, timeout)
    for attempt in range(1, retries + 1):
        if not transient:
            break
        time.sleep(retry_delay * attempt)
        answer, transient = _try(url, opener, timeout)
    return answer


def _try(url: str, opener: urllib.request.OpenerDirector, timeout: float) -> tuple[Answer, bool]:
    """One attempt, and whether its failure is worth one retry."""
    answer, transient = _request(url, "HEAD", opener, timeout)
    if answer.status is not None and not answer.ok:
        answer, transient = _request(url, "GET", opener, timeout)
    return answer, transient


def _request(url: str, method: str, opener: urllib.request.OpenerDirector, timeout: float) -> tuple[Answer, bool]:
    request = urllib.request.Request(url, method=method, headers=_HEADERS)
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to see that a body comes; never the whole page
            return Answer(url, response.status, final_url=response.geturl()), False
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = f"answered {exc.code} {exc.reason}".rstrip()
        return Answer(url, exc.code, reason), exc.code >= 500
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return Answer(url, None, f"no answer within {timeout:g} s"), True
        return Answer(url, None, f"cannot connect: {exc.reason}"), False
    except TimeoutError:
        return Answer(url, None, f"no answer within {timeout:g} s"), True
    except (http.client.HTTPException, ConnectionError) as exc:
        return Answer(url, None, f"connection failed: {exc.__class__.__name__} {exc}".rstrip()), True
    except (OSError, ValueError) as exc:
        return Answer(url, None, f"cannot fetch: {exc}"), False


_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
    "Accept-Language": "en;q=0.9, *;q=0.5",
}


@dataclass
class SourceReport:
    report: Report
    urls_checked: int


def check_sources(
    facts: Sequence[Fact],
    root: Path,
    *,
    cited: Sequence[Citation] | None = None,
    flaky: Sequence[FlakyHost] = (),
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = TIMEOUT,
    jobs: int = JOBS,
    retries: int = RETRIES,
    retry_delay: float = RETRY_DELAY,
) -> SourceReport:
    """Fetch every URL the facts cite (or only `cited`); a problem at each citation of a URL
    that failed, and a warning where one now leads to another site."""
    cited = citations(facts, root) if cited is None else cited
    answers = fetch_all(
        (c.url for c in cited), opener=opener, timeout=timeout, jobs=jobs, retries=retries, retry_delay=retry_delay
    )
    report = Report(files_checked=len({c.path for c in cited}))
    report.extend(_problem(c, answers[c.url], flaky) for c in cited if not answers[c.url].ok)
    report.extend(_moved(c, answers[c.url]) for c in cited if answers[c.url].ok and answers[c.url].moved_away)
    return SourceReport(report, len(answers))


def _moved(citation: Citation, answer: Answer) -> Problem:
    return Problem(
        citation.path,
        citation.line,
        citation.column,
        MOVED_RULE,
        citation.field,
        f"{citation.url} redirects to another site, {answer.final_url}; check that it is still the page cited, "
        "and cite the new address if it is",
        Level.WARNING,
    )


def _problem(citation: Citation, answer: Answer, flaky: Sequence[FlakyHost]) -> Problem:
    message = f"{citation.url} {answer.failure}"
    known = next((entry for entry in flaky if entry.matches(url_host(citation.url))), None)
    level = Level.ERROR
    if answer.status == RATE_LIMITED:
        level, message = Level.WARNING, f"{message} (rate-limited; try again later)"
    elif known is not None:
        level, message = Level.WARNING, f"{message} (allow-listed host {known.host}: {known.reason})"
    return Problem(citation.path, citation.line, citation.column, RULE, citation.field, message, level)
