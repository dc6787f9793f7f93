"""What a reader downloads and waits for, measured in Debian's Chromium (driven by Playwright).

The built site is served on 127.0.0.1. Sizes are of the files the browser actually
requested, gzipped at level 9 as a static host would send them, grouped as: the page
itself (its HTML and any data it loads), the search payload (files under ``search/`` and the
search script, which a reader downloads before the first result), and shared files,
fetched by every page and cached after the first: theme assets (everything else under
``assets/``, the theme's and our CSS and JavaScript) and ``sitemap.xml`` (which
Material's instant navigation loads on the first page), reported separately.

Search latency is timed inside the page: a keydown listener and a MutationObserver on
the search results take ``performance.now()`` stamps, so no Python round trip is
counted. The query is typed like a person types it (one key at a time), and the figure
is the time from the last keystroke to the first frame showing the settled results
(the result list stops changing for 0.5 s); the time from the first keystroke to the
first result row is kept too.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from gates import nodetools
from gates.serving import serve

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
RESULT_ITEM = ".md-search-result__item"
SEARCH_INPUT = "input.md-search__input"
SEARCH_PREFIXES = ("search/", "ru/search/", "assets/search.js")
"""The search's own files: the index's, and the script that reads them (counted here, not with the theme)."""
SITE_WIDE = ("sitemap.xml",)
SETTLE_MS = 500

RESET = "() => { window.__bench = {firstKey: null, lastKey: null, firstResult: null, lastChange: null}; }"
INSTRUMENT = """
() => {
  window.__bench = {firstKey: null};
  const input = document.querySelector(%(input)r);
  input.addEventListener('keydown', () => {
    const bench = window.__bench, now = performance.now();
    if (bench.firstKey === null) bench.firstKey = now;
    bench.lastKey = now;
  }, {capture: true});
  const visible = () => [...document.querySelectorAll(%(item)r)].some(el => el.checkVisibility());
  new MutationObserver(() => {
    const bench = window.__bench;
    if (bench.firstKey === null) return;
    // Stamp the frame that shows this change, not the mutation itself.
    requestAnimationFrame(() => {
      const now = performance.now();
      if (!visible()) return;
      if (bench.firstResult === null) bench.firstResult = now;
      bench.lastChange = now;
    });
  }).observe(document.querySelector('.md-search') || document.body,
             {childList: true, subtree: true, characterData: true});
}
""" % {"input": SEARCH_INPUT, "item": RESULT_ITEM}  # noqa: UP031 - JavaScript braces


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


@dataclass
class Download:
    """The files one page view requested, by group, as (site path, gzipped bytes)."""

    page: list[tuple[str, int]] = field(default_factory=list)
    search: list[tuple[str, int]] = field(default_factory=list)
    shared: list[tuple[str, int]] = field(default_factory=list)

    @staticmethod
    def total(files: list[tuple[str, int]]) -> int:
        return sum(size for _, size in files)

    def summary(self) -> dict[str, object]:
        return {
            "page_gz_bytes": self.total(self.page),
            "search_gz_bytes": self.total(self.search),
            "shared_gz_bytes": self.total(self.shared),
            "files": {"page": self.page, "search": self.search, "shared": self.shared},
        }


def site_path(site: Path, origin: str, url: str) -> str | None:
    """The file under `site` that serves `url`, as a relative path, or None for another origin."""
    if not url.startswith(origin):
        return None
    path = unquote(urlsplit(url).path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if (site / path).is_file() else None


def classify(site: Path, origin: str, urls: list[str]) -> Download:
    download = Download()
    for path in dict.fromkeys(filter(None, (site_path(site, origin, url) for url in urls))):
        entry = (path, gzipped_size(site / path))
        if path.startswith(SEARCH_PREFIXES):
            download.search.append(entry)
        elif path.startswith("assets/") or path in SITE_WIDE:
            download.shared.append(entry)
        else:
            download.page.append(entry)
    return download


def view(browser: Browser, site: Path, origin: str, path: str) -> Download:
    """Open `path` in a fresh context (empty cache) and record everything it loads until the network is idle."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        urls: list[str] = []
        context.on("request", lambda request: urls.append(request.url))
        page = context.new_page()
        page.goto(origin + path, wait_until="networkidle")
        return classify(site, origin, urls)
    finally:
        context.close()


@dataclass(frozen=True)
class QueryTiming:
    query: str
    settled_ms: float
    """Last keystroke to the first frame of the final result list."""
    first_result_ms: float
    """First keystroke to the first frame with a result row."""
    results: int


@dataclass
class Search:
    timings: list[QueryTiming]
    download: Download


def _clear(page: Page) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function(f"!document.querySelector({RESULT_ITEM!r})", timeout=10_000)


def search(browser: Browser, site: Path, origin: str, queries: list[str], key_delay_ms: int) -> Search:
    """Open the home page, let it go idle, then type each query and time its results."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        urls: list[str] = []
        context.on("request", lambda request: urls.append(request.url))
        page = context.new_page()
        page.goto(origin, wait_until="networkidle")
        page.wait_for_timeout(1000)  # a reader who opened the page a moment ago
        page.locator(SEARCH_INPUT).click()
        page.evaluate(INSTRUMENT)
        timings = []
        before_first_result: list[str] = []
        for index, query in enumerate(queries):
            if index:
                _clear(page)
            page.evaluate(RESET)
            page.keyboard.type(query, delay=key_delay_ms)
            page.wait_for_function("window.__bench.firstResult !== null", timeout=60_000)
            if not index:
                before_first_result = list(urls)
            page.wait_for_function(
                f"performance.now() - Math.max(window.__bench.lastChange, window.__bench.lastKey) > {SETTLE_MS}",
                timeout=60_000,
            )
            stamps = page.evaluate("window.__bench")
            results = page.locator(RESULT_ITEM).count()
            timings.append(
                QueryTiming(
                    query,
                    settled_ms=max(0.0, stamps["lastChange"] - stamps["lastKey"]),
                    first_result_ms=stamps["firstResult"] - stamps["firstKey"],
                    results=results,
                )
            )
        download = classify(site, origin, before_first_result)
        return Search(timings, download)
    finally:
        context.close()


@dataclass(frozen=True)
class BrowserFigures:
    timeline: Download
    fact_page: Download
    fact_path: str
    search: Search


def measure_in_browser(site: Path, fact_path: str, queries: list[str], key_delay_ms: int = 60) -> BrowserFigures:
    """Every browser figure of one built site; the browser and server are always shut down."""
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=nodetools.chromium(), headless=True, args=list(nodetools.CHROMIUM_FLAGS)
        )
        try:
            timeline = view(browser, site, origin, "timeline/")
            fact_page = view(browser, site, origin, fact_path)
            found = search(browser, site, origin, queries, key_delay_ms)
        finally:
            browser.close()
    return BrowserFigures(timeline, fact_page, fact_path, found)
