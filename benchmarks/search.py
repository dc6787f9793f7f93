"""Search engines side by side: Material's lunr index, as the site had it, Pagefind, as it had
it next, and the site's own sharded index.

    python -m benchmarks.search [--sizes 1000,10000,100000] [--out docs-dev/search-comparison.md]

For each size the same synthetic archive (`benchmarks.synthetic`: the repository's own
facts plus synthetic ones, checked by `factsite check`'s pipeline) feeds every engine in
both languages:

- **lunr**: the ``search_index.json`` the site used to ship, one entry per published fact
  (title, claim or summary, claimant, verdict, tags, actors, as the hook wrote it), behind
  Material's own search box; the browser downloads it whole and builds the index.
- **Pagefind**: the bundle the site wrote next (`benchmarks.pagefind`: the same text per
  fact), behind the search box it had (``benchmarks/pagefind_box/``).
- **factsite**: the index the site writes now (`factsite.render.search` records,
  `factsite.render.searchindex`), behind the site's search box (``overrides/partials/``,
  ``docs/assets/search.js``).

The page around each engine is a one-page Material site with that engine's search box
(no full site build per size: at 100,000 entries that takes longer than the search
figures need). Index build time is the time to make the engine's files from the facts;
size on disk is the sum of those files. In Chromium with a phone's screen and a 4× slower
CPU, each query of a fixed set (ten per language, each with its known entries among the
repository's facts) is typed a key at a time and timed as `benchmarks.browser` times it:
last keystroke to the first frame of the settled results. Bytes are the gzipped sizes of
the search files (``search/``, ``pagefind/``, the search box's script ``assets/search.js``,
Material's search worker and lunr languages) a fresh browser fetched from opening the page
to the first result.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.browser import INSTRUMENT, RESET, SETTLE_MS, gzipped_size, site_path
from benchmarks.pagefind import pagefind_records, write_bundle
from benchmarks.projects import write_project
from benchmarks.synthetic import TODAY
from factsite import i18n
from factsite.catalog import Catalog
from factsite.model import Fact
from factsite.pipeline import Layout, check_project
from factsite.render import searchindex
from factsite.render.search import search_records
from gates import nodetools
from gates.serving import serve

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ENGINES = ("lunr", "pagefind", "factsite")
LANGUAGES = ("en", "ru")
SEARCH_FILES = ("search/", "pagefind/", "assets/search.js", "assets/javascripts/workers/", "assets/javascripts/lunr/")
"""What a browser fetches for search alone: the index, the search box's script or Material's worker and
lunr's language support."""
CPU_SLOWDOWN = 4
"""Lighthouse's mobile CPU throttling."""
PHONE = "Pixel 5"
KEY_DELAY_MS = 60
WAIT_MS = 120_000
"""How long a query may take: Material's worker builds a 100,000-entry lunr index first."""

QUERIES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "en": [
        ("embassy Dushanbe", ("1992-05-04--russian-embassy-dushanbe",)),
        ("Tashkent", ("1992-05-15--collective-security-treaty", "2022-08-24--shoigu-sco-defence-ministers-tashkent")),
        (
            "schools",
            (
                "2019-04-17--russian-schools-agreement",
                "2022-09-01--russian-language-schools-opened",
                "2021-11-30--education-agreements",
                "2022-12-08--school-equipment-funding",
            ),
        ),
        ("Alma-Ata Protocol", ("1991-12-21--cis-founded-alma-ata",)),
        ("Vympelcom", ("2018-04-05--russian-subsidiaries-vympelcom",)),
        ("biosafety", ("2022-08-16--biosafety-consultations-dushanbe",)),
        ("Igora", ("2024-12-24--putin-rahmon-igora-quota-1000",)),
        ("Zakharova briefing", ("2022-08-31--zakharova-briefing-agenda",)),
        ("investment forum", ("2022-09-15--investment-forum-dushanbe",)),
        ("Shanghai Cooperation Organisation", ("2001-06-15--sco-founded",)),
    ],
    "ru": [
        ("посольство Душанбе", ("1992-05-04--russian-embassy-dushanbe",)),
        (
            "школы",
            (
                "2019-04-17--russian-schools-agreement",
                "2022-09-01--russian-language-schools-opened",
                "2021-11-30--education-agreements",
                "2022-12-08--school-equipment-funding",
            ),
        ),
        ("Ташкент", ("1992-05-15--collective-security-treaty", "2022-08-24--shoigu-sco-defence-ministers-tashkent")),
        ("биобезопасность", ("2022-08-16--biosafety-consultations-dushanbe",)),
        ("Алма-Атинский протокол", ("1991-12-21--cis-founded-alma-ata",)),
        ("ВымпелКом", ("2018-04-05--russian-subsidiaries-vympelcom",)),
        ("Игора", ("2024-12-24--putin-rahmon-igora-quota-1000",)),
        ("Захарова брифинг", ("2022-08-31--zakharova-briefing-agenda",)),
        ("инвестиционный форум", ("2022-09-15--investment-forum-dushanbe",)),
        ("телеграммы", ("2022-04-08--thirtieth-anniversary-telegrams",)),
    ],
}
"""Ten queries per language, each with the entries (any one of them counts) a reader means."""


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- the archive and each engine's files ------------------------------------------------------


def archive(root: Path, size: int, seed: int) -> list[Fact]:
    """The checked facts of a project with `size` entries: the repository's own, then synthetic ones."""
    write_project(REPO, root, size, seed)
    result = check_project(Layout.of(root), today=TODAY)
    if result.report.failed(strict=False):
        raise RuntimeError(f"the synthetic archive of {size} has errors: run `factsite check` in {root}")
    return list(result.facts)


def fact_url(fact: Fact) -> str:
    return f"facts/{fact.id}/"


def lunr_docs(catalog: Catalog) -> list[dict[str, object]]:
    """The entries the hook gave Material's search plugin: one per published fact, boosted, as escaped HTML."""
    docs: list[dict[str, object]] = []
    for fact in catalog.published:
        if fact.is_claim:
            assert fact.claimant is not None and fact.verdict is not None
            said, labels = fact.claim or "", [fact.claimant.name, fact.verdict.label]
        else:
            said, labels = fact.summary or "", [i18n.gettext("Event")]
        labels += [*(t.label for t in fact.tags), *(a.label for a in fact.actors)]
        text = f"{said} — {' · '.join(dict.fromkeys(labels))}"
        docs.append(
            {
                "location": fact_url(fact),
                "title": html.escape(fact.title, quote=False),
                "text": html.escape(text, quote=False),
                "boost": 2,
            }
        )
    return docs


def harness(folder: Path, engine: str, language: str) -> Path:
    """A one-page Material site with `engine`'s search box in `language`; returns its built site."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Search\n\nType in the search box.\n", encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "Search",
        "site_url": "http://127.0.0.1/",
        "theme": {"name": "material", "language": language, "font": False},
        "plugins": ["search"],
    }
    if engine != "lunr":
        box = HERE / "pagefind_box" if engine == "pagefind" else REPO / "docs" / "assets"
        shutil.copytree(REPO / "overrides" / "partials", folder / "overrides" / "partials")
        (docs / "assets").mkdir()
        shutil.copy(box / "search.js", docs / "assets" / "search.js")
        shutil.copy(REPO / "docs" / "assets" / "facts.css", docs / "assets" / "facts.css")
        if engine == "pagefind":
            shutil.copy(box / "partials" / "search.html", folder / "overrides" / "partials" / "search.html")
        config |= {
            "plugins": [],
            "extra_javascript": ["assets/search.js"],
            "extra_css": ["assets/facts.css"],
        }
        config["theme"]["custom_dir"] = "overrides"
    (folder / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    site = folder / "site"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "-q", "-f", str(folder / "mkdocs.yml"), "-d", str(site)],
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    return site


@dataclass(frozen=True)
class Index:
    build_s: float
    disk_bytes: int
    files: int


def write_index(site: Path, engine: str, catalog: Catalog) -> Index:
    """`engine`'s files for `catalog` in `site`, timed from the facts to the files on disk."""
    started = time.perf_counter()
    if engine == "lunr":
        index = site / "search" / "search_index.json"
        config = json.loads(index.read_text(encoding="utf-8"))["config"]  # the plugin's, for this language
        index.write_text(json.dumps({"config": config, "docs": lunr_docs(catalog)}), encoding="utf-8")
        folder = index.parent
    elif engine == "pagefind":
        folder = site / "pagefind"
        write_bundle(pagefind_records(catalog, {f.src_uri: fact_url(f) for f in catalog.published}), folder)
    else:
        folder = site / "search"
        urls = {f.src_uri: fact_url(f) for f in catalog.published}
        searchindex.write_index(search_records(catalog, urls), folder, i18n.active().code)
    elapsed = time.perf_counter() - started
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return Index(elapsed, sum(sizes), len(sizes))


# ---- in the browser ----------------------------------------------------------------------------


@dataclass
class Typed:
    query: str
    settled_ms: float
    found: list[str]
    """The first five results' fact ids."""
    hit: bool


@dataclass
class Session:
    typed: list[Typed] = field(default_factory=list)
    first_result_bytes: int = 0
    first_result_files: int = 0

    @property
    def median_ms(self) -> float:
        """NaN when a query never settled (the engine was still loading when the wait ran out)."""
        if len(self.typed) < len(QUERIES["en"]) or any(math.isnan(t.settled_ms) for t in self.typed):
            return math.nan
        return statistics.median(t.settled_ms for t in self.typed)

    @property
    def hits(self) -> int:
        return sum(t.hit for t in self.typed)


WAIT_DONE = """
() => {
  const bench = window.__bench;
  if (bench.firstResult !== null) return true;
  const meta = document.querySelector('.md-search-result__meta');
  const ready = meta !== null && meta.textContent.trim() !== window.__benchMetaAtLoad;
  return bench.lastKey !== null && ready && performance.now() - bench.lastKey > 3000;
}
"""
TOP_FIVE = """
() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')]
  .slice(0, 5).map(item => item.querySelector('a').href)
"""


def _fact_id(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[-1] if "/facts/" in href else href


def type_queries(browser: Browser, site: Path, origin: str, language: str) -> Session:
    """Open the page as a phone with a cold cache, open search, type every query of `language`."""
    device = dict(sync_devices[PHONE])
    context = browser.new_context(**device)
    session = Session()
    try:
        urls: list[str] = []
        context.on("request", lambda request: urls.append(request.url))
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(origin, wait_until="networkidle")
        page.wait_for_timeout(1000)
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input.md-search__input").wait_for(state="visible")
        page.evaluate(INSTRUMENT)
        page.evaluate("window.__benchMetaAtLoad = document.querySelector('.md-search-result__meta').textContent.trim()")
        for number, (query, expected) in enumerate(QUERIES[language]):
            try:
                session.typed.append(_one_query(page, site, origin, urls, session, number, query, expected))
            except PlaywrightTimeoutError:  # recorded, not fatal: the table shows it
                progress(f"    {query!r}: no settled result within {WAIT_MS / 1000:.0f} s")
                session.typed.append(Typed(query, math.nan, [], False))
                break
        return session
    finally:
        context.close()


def _one_query(
    page: Page,
    site: Path,
    origin: str,
    urls: list[str],
    session: Session,
    number: int,
    query: str,
    expected: tuple[str, ...],
) -> Typed:
    if number:
        _clear(page)
    page.evaluate(RESET)
    type_like_a_person(page, query)
    page.wait_for_function(WAIT_DONE, timeout=WAIT_MS)
    if number == 0:
        fetched = [path for path in (site_path(site, origin, url) for url in urls) if path]
        searched = [path for path in dict.fromkeys(fetched) if path.startswith(SEARCH_FILES)]
        session.first_result_bytes = sum(gzipped_size(site / path) for path in searched)
        session.first_result_files = len(searched)
    page.wait_for_function(
        f"performance.now() - Math.max(window.__bench.lastChange || 0, window.__bench.lastKey) > {SETTLE_MS}",
        timeout=WAIT_MS,
    )
    stamps = page.evaluate("window.__bench")
    found = [_fact_id(href) for href in page.evaluate(TOP_FIVE)]
    settled = max(0.0, (stamps["lastChange"] or stamps["lastKey"]) - stamps["lastKey"])
    return Typed(query, settled, found, any(fact in expected for fact in found))


def type_like_a_person(page: Page, query: str) -> None:
    """A key at a time, each with its keydown and keyup: Chromium's automation sends Cyrillic as bare
    text input, and Material's search box only reads the query on keyup."""
    field = page.locator("input.md-search__input")
    for character in query:
        field.dispatch_event("keydown", {"key": character})
        page.keyboard.insert_text(character)
        field.dispatch_event("keyup", {"key": character})
        page.wait_for_timeout(KEY_DELAY_MS)


def _clear(page: Page) -> None:
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("!document.querySelector('.md-search-result__item')", timeout=WAIT_MS)


sync_devices: dict[str, Any] = {}


def measure_sessions(sites: dict[tuple[str, str], Path]) -> dict[tuple[str, str], Session]:
    sessions: dict[tuple[str, str], Session] = {}
    with sync_playwright() as playwright:
        sync_devices.update(playwright.devices)
        browser = playwright.chromium.launch(
            executable_path=nodetools.chromium(), headless=True, args=list(nodetools.CHROMIUM_FLAGS)
        )
        try:
            for key, site in sites.items():
                with serve(site) as origin:
                    progress(f"  {key[0]} {key[1]}: typing {len(QUERIES[key[1]])} queries")
                    sessions[key] = type_queries(browser, site, origin, key[1])
        finally:
            browser.close()
    return sessions


# ---- one size, then the table -------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    size: int
    engine: str
    language: str
    index: Index
    session: Session


def measure_size(scratch: Path, size: int, seed: int) -> Iterator[Figures]:
    progress(f"{size:,} entries: writing and checking the archive")
    facts = archive(scratch / f"archive-{size}", size, seed)
    sites: dict[tuple[str, str], Path] = {}
    indexes: dict[tuple[str, str], Index] = {}
    for language in LANGUAGES:
        edition = i18n.edition(language)
        with i18n.using(edition):
            catalog = Catalog([fact.in_language(language) for fact in facts])
            for engine in ENGINES:
                site = harness(scratch / f"{engine}-{language}-{size}", engine, language)
                progress(f"{size:,} entries: {engine} index, {language}")
                indexes[engine, language] = write_index(site, engine, catalog)
                sites[engine, language] = site
    sessions = measure_sessions(sites)
    for (engine, language), site in sites.items():
        yield Figures(size, engine, language, indexes[engine, language], sessions[engine, language])
        shutil.rmtree(site.parent)
    shutil.rmtree(scratch / f"archive-{size}")


def _kb(value: int) -> str:
    return f"{value / 1000:,.1f} KB"


def table(figures: list[Figures]) -> str:
    head = [
        "Entries",
        "Language",
        "Engine",
        "First result, gz",
        "Latency, median",
        "Hits@5",
        "Index build",
        "Index on disk",
    ]
    rows = [head, ["---"] * len(head)]
    for item in figures:
        session, index = item.session, item.index
        rows.append(
            [
                f"{item.size:,}",
                item.language,
                item.engine,
                f"{_kb(session.first_result_bytes)} ({session.first_result_files} files)",
                "did not settle" if math.isnan(session.median_ms) else f"{session.median_ms:,.0f} ms",
                f"{session.hits}/{len(QUERIES[item.language])}",
                f"{index.build_s:.1f} s",
                f"{index.disk_bytes / 1e6:,.1f} MB ({index.files:,} files)",
            ]
        )
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def queries_table(figures: list[Figures]) -> str:
    """Each query's latency and whether a known entry was in the top five, per engine, at the largest size."""
    largest = max(item.size for item in figures)
    lines = ["| Language | Query | " + " | ".join(f"{e}: ms, hit" for e in ENGINES) + " |"]
    lines.append("|---|---|" + "---|" * len(ENGINES))
    for language in LANGUAGES:
        by_engine = {
            item.engine: item.session.typed for item in figures if item.size == largest and item.language == language
        }
        for number, (query, _) in enumerate(QUERIES[language]):
            cells = []
            for engine in ENGINES:
                done = by_engine[engine]
                if number >= len(done) or math.isnan(done[number].settled_ms):
                    cells.append("did not settle")
                else:
                    cells.append(f"{done[number].settled_ms:,.0f}, {'yes' if done[number].hit else 'no'}")
            lines.append(f"| {language} | {query} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


DOC_HEAD = """Measured by `python -m benchmarks.search --sizes {sizes}`, which writes this part; do
not edit it by hand. How each figure is measured is in `benchmarks/search.py`'s docstring: the same
synthetic archive feeds every engine, in English and Russian; the page is a one-page
Material site with each engine's search box; Chromium emulates a {phone} with a {cpu}×
slower CPU; each query is typed a key at a time.

"""
RESULTS_START = "<!-- results: written by python -m benchmarks.search -->"
RESULTS_END = "<!-- end of results -->"


def write_results(path: Path, sizes: list[int], result: str) -> None:
    """Put `result` between the markers of `path`, keeping the text around them (the choice and
    its reasons, written by a person); a new file gets the heading and the markers."""
    head = DOC_HEAD.format(sizes=",".join(map(str, sizes)), phone=PHONE, cpu=CPU_SLOWDOWN)
    block = f"{RESULTS_START}\n\n{head}{result}\n\n{RESULTS_END}"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if RESULTS_START in text and RESULTS_END in text:
        before, _, rest = text.partition(RESULTS_START)
        _, _, after = rest.partition(RESULTS_END)
        text = before + block + after
    else:
        text = "# Search engines compared: Material's lunr index, Pagefind and our own\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated archive sizes (default 1000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="also write the results as Markdown to this file")
    args = parser.parse_args(argv)
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    figures: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
        for size in sizes:
            figures += measure_size(Path(scratch), size, args.seed)
            print(table(figures), flush=True)
    result = (
        table(figures)
        + "\n\nEach query at the largest size (last keystroke → settled results; known entry in the top five):\n\n"
    )
    result += queries_table(figures)
    print("\n" + result)
    if args.out:
        write_results(args.out, sizes, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
