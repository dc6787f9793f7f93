"""How long a reader waits for search on a built site, in headless Chromium.

    .venv/bin/python scripts/search_latency.py SITE_DIR [--query WORD] [--runs 3]

Serves SITE_DIR on 127.0.0.1 and opens its home page in Debian's Chromium (as the
browser tests do). Prints, from timestamps taken inside the page: when the search
index was ready after the page loaded, and, with the page already open and the index
ready, the time from the first key typed to the first result shown; then the same
for a reader who types as soon as the page has loaded. Also the bytes of the search
payload (index and worker) the page downloaded, gzipped as a server would send them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"]

# Timestamps inside the page: the first key pressed in the search box, and the first result.
PROBE = """
window.__fs = {key: null, result: null};
document.addEventListener("keydown", e => {
  if (window.__fs.key === null && e.target.matches("input.md-search__input")) window.__fs.key = performance.now();
}, true);
document.addEventListener("DOMContentLoaded", () => new MutationObserver(() => {
  if (window.__fs.result === null && document.querySelector(".md-search-result__item")) {
    window.__fs.result = performance.now();
  }
}).observe(document.body, {childList: true, subtree: true}));
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _ready(page: Page) -> float:
    """Milliseconds from navigation start until the search index is ready (the worker's answer)."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing/i.test(m.textContent); }",
        timeout=120_000,
        polling=10,
    )
    return float(page.evaluate("performance.now()"))


def _first_result(page: Page, query: str) -> float:
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
    found = page.evaluate("window.__fs")
    return float(found["result"] - found["key"])


def measure(url: str, query: str, runs: int) -> None:
    chromium = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=LAUNCH_ARGS)
        ready, warm, cold = [], [], []
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(PROBE)
            page = context.new_page()
            page.goto(url, wait_until="load")
            ready.append(_ready(page))
            warm.append(_first_result(page, query))
            context.close()
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.add_init_script(PROBE)
            page = context.new_page()
            page.goto(url, wait_until="load")
            cold.append(_first_result(page, query))
            context.close()
        browser.close()
    for name, times in (
        ("search index ready after load", ready),
        ("first result, page open and index ready", warm),
        ("first result, typing right after load", cold),
    ):
        print(f"{name}: {statistics.median(times):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})")


def payload(site: Path) -> int:
    """Gzipped bytes of what search downloads before its first result: the index and the worker."""
    files = [
        site / "search" / "search_index.json",
        *sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")),
    ]
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="Tashkent")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"search payload (index + worker): {payload(args.site) / 1024:.0f} KB gz")
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        measure(f"http://127.0.0.1:{server.server_address[1]}/", args.query, args.runs)
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
