"""Check every internal link and anchor of a built site with linkchecker.

linkchecker runs as a separate program over the site served on 127.0.0.1 (see
`serving`), with its ``AnchorCheck`` plugin, so a link to a missing page and a link to a
missing ``#anchor`` both fail. URLs outside the served site are never fetched: tests run
without a network, and the published sources are checked by the opt-in source check
instead. Every page of the site is a start URL, so a page no other page links to (the
404 page) is checked too.

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

from factsite.quality.serving import serve

TIMEOUT_SECONDS = 600
"""A whole check of a 10,000-page site stays far below this; past it, something hangs."""

_CONFIG = """\
[checking]
threads={threads}
maxrequestspersecond=1000
timeout=30
[filtering]
ignore=
  ^(?!{base})
[output]
verbose=1
[csv]
separator=;
parts=urlname,parentname,result,warningstring,valid,url,line,column
[AnchorCheck]
"""
"""Everything not under the served base URL is only syntax-checked. ``verbose`` lists
every URL, so the report can say how many were checked; ``parts`` keeps the columns
whose order the parser relies on (line and column last: linkchecker leaves them out
when it has none)."""


_COMMAND = (sys.executable, "-m", "linkcheck", "--no-status", "--no-robots", "-o", "csv", "--stdin")
"""Output to stdout only: run as root, linkchecker drops to 'nobody' after reading its
configuration, and could no longer write a file into a private temporary folder."""


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
    """``error`` for a link that does not load, ``warning`` for what linkchecker warns about
    (a missing anchor among them); both fail the gate."""

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


def check_site(site: Path, *, threads: int = 10) -> LinkReport:
    """Serve the built site folder `site` on 127.0.0.1 and check every link in it."""
    with serve(site) as base_url:
        return check_served(site, base_url, threads=threads)


def check_served(site: Path, base_url: str, *, threads: int = 10) -> LinkReport:
    """Check the site folder `site`, already served at `base_url` (ending in ``/``)."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factsite-linkcheck-") as scratch:
        config = Path(scratch) / "linkcheckerrc"
        config.write_text(_CONFIG.format(threads=threads, base=re.escape(base_url)), encoding="utf-8")
        result = subprocess.run(
            [*_COMMAND, "-f", str(config)],
            input="\n".join(base_url + page for page in _page_urls(site)),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "C"},
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    findings, urls = _parse(result.stdout, site, base_url)
    return LinkReport(
        findings=sorted(findings),
        urls_checked=urls,
        seconds=time.perf_counter() - start,
        output=result.stderr,
        returncode=result.returncode,
    )


def _page_urls(site: Path) -> list[str]:
    """Every HTML page of `site` as a URL path relative to the site root, in sorted order."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def _parse(output: str, site: Path, base_url: str) -> tuple[list[LinkFinding], int]:
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
        if valid == "True" and not warnings:
            continue
        line, column = (int(text) if text.isdigit() else 0 for text in (line_text, column_text))
        page = _page_path(parent, site, base_url) if parent else _page_path(url or urlname, site, base_url)
        if valid != "True":
            findings.add(LinkFinding(page, line, column, urlname, result or "invalid", "error"))
        for warning in warnings.splitlines():
            if warning.strip():
                findings.add(LinkFinding(page, line, column, urlname, warning.strip(), "warning"))
    return list(findings), len(urls)


def _page_path(url: str, site: Path, base_url: str) -> str:
    """The file in `site` that `url` (under `base_url`) serves, relative to `site`."""
    if not url.startswith(base_url):
        return url
    path = urlsplit(url[len(base_url) - 1 :]).path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if (site / path).is_file() or not (site / path / "index.html").is_file() else f"{path}/index.html"
