"""Check every internal link and anchor of a built site with linkchecker.

linkchecker runs as a separate program over the site served on 127.0.0.1 (see
`serving`), so a link to a missing page or file fails; `anchors` then checks every
``#anchor`` against the ids of its target page, so a link to a missing anchor fails too
(why not linkchecker's AnchorCheck plugin: see that module). URLs outside the served site are never fetched: tests run
without a network, and the published sources are checked by the opt-in source check
instead.

Every page and stylesheet of the site (the files linkchecker reads links from) is a
start URL, so a page no other page links to (the 404 page) is checked too, and
linkchecker follows links one level deep only: each start URL is parsed and every link
in it checked, and a linked page is fetched but not parsed again, since it is a start URL
itself. That makes the start URLs independent, so they are split between one linkchecker
process per core: linkchecker spends its time parsing HTML in pure Python, which one
process cannot spread over two cores (with unlimited depth each process would parse
the whole site again).

Its CSV report is turned into `LinkFinding`s that name the page holding the link (its
path in the site folder, with line and column), the link and what is wrong with it.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from gates import anchors
from gates.serving import serve

TIMEOUT_SECONDS = 1800
"""Generous: anchor checks are CPU-bound and the machines are shared; past it, something hangs."""

THREADS = 2
"""linkchecker threads per process. Its work is parsing in pure Python, under one lock per
process, and the local server answers in about a millisecond, so more threads only take
turns with the lock: on the 1,000-fact site, side by side, 10 threads per process took
27.6-29.3 s and 2 took 22.9-26.6 s (1 thread was no faster than 2)."""

_CONFIG = """\
[checking]
threads={threads}
recursionlevel=1
maxrequestspersecond=1000
timeout=30
[filtering]
ignore=
  ^(?!{base})
internlinks=^{base}
[output]
verbose=1
[csv]
separator=;
parts=urlname,parentname,result,warningstring,valid,url,line,column
"""
"""Everything not under the served base URL is only syntax-checked, everything under it
is checked: ``internlinks`` says so, since linkchecker would otherwise count as internal
only what lies under the folder of a start URL, and a process whose start URLs do not
include the home page would pass a link to a missing folder as "filtered". ``recursionlevel=1``:
start URLs are parsed, the links in them are checked, nothing further. ``verbose`` lists
every URL, so the report can say how many were checked; ``parts`` keeps the columns
whose order the parser relies on (line and column last: linkchecker leaves them out when
it has none)."""


_COMMAND = (sys.executable, "-m", "linkcheck", "--no-status", "--no-robots", "-o", "csv", "--stdin")
"""Output to stdout only, a file opened here: run as root, linkchecker drops to 'nobody'
after reading its configuration, and could no longer open a file in a private temporary
folder itself."""


@dataclass(frozen=True, order=True)
class LinkFinding:
    """One broken link or anchor, on the page that holds it."""

    page: str
    """The page's path in the site folder (``timeline/index.html``); the URL if outside it."""
    line: int
    column: int
    url: str
    """The link as written in the page (``../facts/x/#sources``)."""
    reason: str
    level: str = "error"
    """``error`` for a link that does not load or a missing anchor, ``warning`` for what
    linkchecker warns about; both fail the gate."""

    def format(self) -> str:
        return f"{self.page}:{self.line}:{self.column}: {self.level}: {self.url}: {self.reason}"


@dataclass
class LinkReport:
    findings: list[LinkFinding] = field(default_factory=list)
    urls_checked: int = 0
    """Distinct URLs linkchecker looked at (ignored outside URLs included)."""
    seconds: float = 0.0
    output: str = ""
    """linkchecker's own error output, for when it fails without findings."""
    returncode: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.findings) or self.returncode not in (0, 1)

    def format(self) -> str:
        """Every finding on its own line, then a summary line."""
        lines = [finding.format() for finding in self.findings]
        if self.returncode not in (0, 1):
            lines.append(f"linkchecker failed (exit {self.returncode}): {self.output.strip()}")
        lines.append(f"{len(self.findings)} broken links or anchors in {self.urls_checked} URLs checked")
        return "\n".join(lines) + "\n"


def check_site(site: Path, *, threads: int = THREADS, processes: int | None = None) -> LinkReport:
    """Serve the built site folder `site` on 127.0.0.1 and check every link in it.

    The pages go uncompressed: linkchecker reads links, not weight, and gzip would cost
    CPU on the cores the checker needs."""
    with serve(site, compress=False) as base_url:
        return check_served(site, base_url, threads=threads, processes=processes)


def check_served(site: Path, base_url: str, *, threads: int = THREADS, processes: int | None = None) -> LinkReport:
    """Check the site folder `site`, already served at `base_url` (ending in ``/``), with
    `processes` linkchecker processes (one per usable core unless given); the anchor
    check runs meanwhile."""
    start = time.perf_counter()
    count = processes or len(os.sched_getaffinity(0))
    groups = _split(_start_files(site), count)
    with tempfile.TemporaryDirectory(prefix="factsite-linkcheck-") as name:
        scratch = Path(name)
        config = scratch / "linkcheckerrc"
        config.write_text(_CONFIG.format(threads=threads, base=re.escape(base_url)), encoding="utf-8")
        runs = [_start(scratch, index, config, [base_url + url for url in urls]) for index, urls in enumerate(groups)]
        try:
            anchor_problems = anchors.check_anchors(site)
            for run in runs:
                run.wait(timeout=max(1.0, TIMEOUT_SECONDS - (time.perf_counter() - start)))
        finally:
            for run in runs:
                if run.poll() is None:
                    run.kill()
                    run.wait()
        findings: set[LinkFinding] = set()
        checked: set[str] = set()
        for index in range(len(runs)):
            found, seen = _parse((scratch / f"out-{index}.csv").read_text(encoding="utf-8"), site, base_url)
            findings.update(found)
            checked.update(seen)
        errors = "".join(
            (scratch / f"err-{index}.txt").read_text(encoding="utf-8", errors="replace") for index in range(len(runs))
        )
    findings.update(LinkFinding(p.page, p.line, p.column, p.link, p.message, "error") for p in anchor_problems)
    codes = [run.returncode for run in runs]
    return LinkReport(
        findings=sorted(findings),
        urls_checked=len(checked),
        seconds=time.perf_counter() - start,
        output=errors,
        returncode=next((code for code in codes if code not in (0, 1)), max(codes, default=0)),
    )


def _start(scratch: Path, index: int, config: Path, urls: list[str]) -> subprocess.Popen[bytes]:
    """One linkchecker process reading `urls` from a file, its report going to files
    in `scratch` (a pipe would fill up and stall it while the anchor check runs)."""
    (scratch / f"in-{index}.txt").write_text("\n".join(urls), encoding="utf-8")
    with (
        (scratch / f"in-{index}.txt").open("rb") as stdin,
        (scratch / f"out-{index}.csv").open("wb") as stdout,
        (scratch / f"err-{index}.txt").open("wb") as stderr,
    ):
        return subprocess.Popen(
            [*_COMMAND, "-f", str(config)],
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "C"},
        )


def _start_files(site: Path) -> list[tuple[str, int]]:
    """Every HTML page and stylesheet of `site` as a URL path relative to the site root,
    with its size, in sorted order."""
    files = []
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        relative = path.relative_to(site).as_posix()
        files.append((relative.removesuffix("index.html"), path.stat().st_size))
    return sorted(files)


def _split(files: list[tuple[str, int]], count: int) -> list[list[str]]:
    """`files` cut into at most `count` runs of consecutive files of about equal bytes
    (linkchecker's time grows with the bytes it parses)."""
    total = sum(size for _, size in files) or 1
    groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(files))))]
    done = 0
    for url, size in files:
        groups[min(len(groups) - 1, done * len(groups) // total)].append(url)
        done += size
    return [group for group in groups if group]


def _parse(output: str, site: Path, base_url: str) -> tuple[set[LinkFinding], set[str]]:
    """The findings in one CSV report, and every URL it lists."""
    rows = csv.reader((line for line in output.splitlines(keepends=True) if not line.startswith("#")), delimiter=";")
    header: Sequence[str] | None = None
    findings: set[LinkFinding] = set()
    urls: set[str] = set()
    for row in rows:
        if header is None:
            header = row
            continue
        if not row:
            continue
        urlname, parent, result, warnings, valid, url, line_text, column_text = [*row, "", ""][:8]
        urls.add(url or urlname)
        if valid == "True" and result == "filtered" and (url or urlname).startswith(base_url):
            valid, result = "False", "not checked: linkchecker took it for an outside URL"
        if valid == "True" and not warnings:
            continue
        line, column = (int(text) if text.isdigit() else 0 for text in (line_text, column_text))
        page = _page_path(parent, site, base_url) if parent else _page_path(url or urlname, site, base_url)
        if valid != "True":
            findings.add(LinkFinding(page, line, column, urlname, result or "invalid", "error"))
        for warning in warnings.splitlines():
            if warning.strip():
                findings.add(LinkFinding(page, line, column, urlname, warning.strip(), "warning"))
    return findings, urls


def _page_path(url: str, site: Path, base_url: str) -> str:
    """The file in `site` that `url` (under `base_url`) serves, relative to `site`."""
    if not url.startswith(base_url):
        return url
    path = urlsplit(url[len(base_url) - 1 :]).path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if (site / path).is_file() or not (site / path / "index.html").is_file() else f"{path}/index.html"
