"""The built site in a real browser: Debian's Chromium driven by Playwright.

One build, one local server and one browser for the whole module. Every page load is
watched: a console error, a failed load or a request to any host but 127.0.0.1 (web
fonts, CDNs, analytics) fails the test. Screenshots of the checked pages go to
``tests/artifacts/browser/``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, urlsplit

import pytest
from browserkit import (
    DESKTOP,
    LAUNCH_ARGS,
    PHONE,
    Watch,
    axe_violations,
    build_site,
    chromium_path,
    screenshot,
    served_repository_site,
)
from conftest import REPO, TODAY
from playwright.sync_api import Browser, Page, expect, sync_playwright

from factsite.model import Fact
from factsite.pipeline import Layout, check_project
from factsite.render import searchindex
from factsite.render.timeline import PAGE_LIMIT
from gates.axe import AxeFinding, axe_findings, render_every_entry, report
from gates.serving import serve

SCHOOLS = "2022-09-01--russian-language-schools-opened"
SCHOOLS_TITLE = "Five Russian-language schools open in Tajikistan"
TASHKENT = "2022-08-24--shoigu-sco-defence-ministers-tashkent"
EVENT = "1992-05-04--russian-embassy-dushanbe"
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
expect.set_options(timeout=15_000)  # generous on a busy 2-core machine; passing runs never wait that long
BODY_WIDTH = "document.querySelector('.md-main').scrollWidth"
"""How wide the page body lays out: wider than the screen means sideways scrolling."""


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The repository's site, built once and served on 127.0.0.1: its folder and base URL."""
    yield from served_repository_site(tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="module")
def site(built_site: tuple[Path, str]) -> str:
    return built_site[1]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    """The published facts, read by the core: what the pages must show."""
    result = check_project(Layout.of(REPO), today=TODAY)
    return [fact for fact in result.facts if fact.is_published]


OpenPage = Callable[..., tuple[Page, Watch]]


@pytest.fixture
def open_page(browser: Browser, site: str) -> Iterator[OpenPage]:
    """A fresh browser context per call (its own storage, scheme and width) with a watch."""
    contexts = []

    def opener(
        path: str = "",
        *,
        viewport: dict[str, int] = DESKTOP,
        scheme: Literal["light", "dark"] = "light",
        javascript: bool = True,
        base: str = site,
    ) -> tuple[Page, Watch]:
        context = browser.new_context(
            viewport=viewport,
            color_scheme=scheme,
            reduced_motion="reduce",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        watch = Watch(base)
        watch.attach(context)
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        return page, watch

    yield opener
    for context in contexts:
        context.close()


def visible_facts(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-fact]", "entries => entries.filter(e => !e.closest('[hidden]')).map(e => e.dataset.fact)"
    )


def open_search(page: Page, query: str, *, phone: bool) -> None:
    if phone:
        page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)  # Material searches on key events; fill() alone does not
    expect(page.locator(".md-search-result__item").first).to_be_visible()


# --- The newcomer's tasks -------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_home_reaches_the_school_openings_in_two_clicks(open_page: OpenPage, width: str) -> None:
    page, watch = open_page("", viewport=WIDTHS[width])
    page.locator(".md-content a[href$='timeline/']").first.click()
    expect(page).to_have_url(re.compile(r"/timeline/$"))
    page.get_by_role("link", name=SCHOOLS_TITLE).first.click()
    expect(page).to_have_url(re.compile(rf"/facts/{SCHOOLS}/$"))
    expect(page).to_have_title(re.compile(rf"^{re.escape(SCHOOLS_TITLE)}\b"))  # the headline is the claim
    watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_search_for_tashkent_finds_the_fact_and_opens_it(open_page: OpenPage, width: str) -> None:
    page, watch = open_page("", viewport=WIDTHS[width])
    open_search(page, "Tashkent", phone=width == "phone")
    hit = page.locator(f".md-search-result__item a.md-search-result__link[href*='/facts/{TASHKENT}/']").first
    expect(hit).to_be_visible()
    hit.click()
    expect(page).to_have_url(re.compile(rf"/facts/{TASHKENT}/"))
    expect(page).to_have_title(re.compile("Tashkent"))
    watch.assert_clean()


def test_timeline_filters_to_two_verdicts_and_the_url_can_be_shared(open_page: OpenPage, facts: list[Fact]) -> None:
    chosen = ("inaccurate", "needs-context")
    expected = sorted(f.id for f in facts if f.verdict is not None and f.verdict.id in chosen)
    page, watch = open_page("")
    page.evaluate("window.fsSamePage = true")
    page.locator(".md-content a[href$='timeline/']").first.click()  # instant navigation: no page load
    expect(page).to_have_url(re.compile(r"/timeline/$"))
    assert page.evaluate("window.fsSamePage === true"), "instant navigation did not happen"
    form = page.locator("#fs-filters")
    expect(form).to_be_visible()
    for verdict in chosen:
        form.locator(f'input[name="verdict"][value="{verdict}"]').check()
    expect(page.locator("#fs-count")).to_have_text(re.compile(rf"^\s*{len(expected)} of {len(facts)} entries"))
    assert sorted(visible_facts(page)) == expected
    assert sorted(parse_qs(urlsplit(page.url).query)["verdict"]) == sorted(chosen)
    screenshot(page, "timeline-filtered-desktop-light")

    shared, shared_watch = open_page(urlsplit(page.url).path.lstrip("/") + "?" + urlsplit(page.url).query)
    for verdict in chosen:
        expect(shared.locator(f'#fs-filters input[name="verdict"][value="{verdict}"]')).to_be_checked()
    expect(shared.locator("#fs-count")).to_have_text(re.compile(rf"^\s*{len(expected)} of {len(facts)} entries"))
    assert sorted(visible_facts(shared)) == expected
    watch.assert_clean()
    shared_watch.assert_clean()


def test_timeline_tells_claims_from_events_and_shares_the_kind_in_the_url(
    open_page: OpenPage, facts: list[Fact]
) -> None:
    events = sorted(f.id for f in facts if f.is_event)
    claims = sorted(f.id for f in facts if f.is_claim)
    assert events and claims
    page, watch = open_page("timeline/")
    form = page.locator("#fs-filters")
    form.locator('input[name="kind"][value="event"]').check()
    expect(page.locator("#fs-count")).to_have_text(re.compile(rf"^\s*{len(events)} of {len(facts)} entries"))
    assert sorted(visible_facts(page)) == events
    assert parse_qs(urlsplit(page.url).query)["kind"] == ["event"]
    labels = page.eval_on_selector_all(
        "[data-fact]:not([hidden]) .fs-entry__kind", "spans => [...new Set(spans.map(s => s.textContent))]"
    )
    assert labels == ["Event"], "an event says so in words, not by colour alone"
    assert page.locator("[data-fact]:not([hidden]) .fs-verdict").count() == 0, "no event shows a verdict"

    shared, shared_watch = open_page("timeline/?kind=claim&verdict=accurate")
    expect(shared.locator('#fs-filters input[name="kind"][value="claim"]')).to_be_checked()
    accurate = sorted(f.id for f in facts if f.verdict is not None and f.verdict.id == "accurate")
    assert sorted(visible_facts(shared)) == accurate and set(accurate) <= set(claims)
    watch.assert_clean()
    shared_watch.assert_clean()


def test_timeline_reads_tag_years_and_text_from_the_url(open_page: OpenPage, facts: list[Fact]) -> None:
    page, watch = open_page("timeline/?tag=education&from=2014&to=2022")
    expected = sorted(f.id for f in facts if any(t.id == "education" for t in f.tags) and 2014 <= f.date.year <= 2022)
    assert SCHOOLS in expected
    expect(page.locator("#fs-count")).to_have_text(re.compile(rf"^\s*{len(expected)} of {len(facts)} entries"))
    assert sorted(visible_facts(page)) == expected
    expect(page.locator('#fs-filters [name="from"]')).to_have_value("2014")
    expect(page.locator('#fs-filters [name="to"]')).to_have_value("2022")

    page.goto(page.url.split("?")[0] + "?q=tashkent", wait_until="load")
    expect(page.locator('#fs-filters [name="q"]')).to_have_value("tashkent")
    shown = visible_facts(page)
    assert TASHKENT in shown
    assert SCHOOLS not in shown
    watch.assert_clean()


def test_timeline_entries_carry_the_data_the_filters_use(open_page: OpenPage, facts: list[Fact]) -> None:
    page, watch = open_page("timeline/")
    entries = page.eval_on_selector_all(
        "[data-fact]",
        "entries => entries.map(e => [e.dataset.fact, e.dataset.kind, e.dataset.verdict, e.dataset.year,"
        " e.dataset.tags, e.dataset.actors])",
    )
    by_id = {f.id: f for f in facts}
    assert sorted(entry[0] for entry in entries) == sorted(by_id)
    for fact_id, kind, verdict, year, tags, actors in entries:
        fact = by_id[fact_id]
        assert (kind, verdict, year) == (fact.kind, fact.verdict.id if fact.verdict else "", str(fact.date.year))
        assert tags.split() == [t.id for t in fact.tags], fact_id
        assert actors.split() == [a.id for a in fact.actors], fact_id
    watch.assert_clean()


def test_without_javascript_the_whole_timeline_shows_and_links_work(open_page: OpenPage, facts: list[Fact]) -> None:
    page, watch = open_page("timeline/", viewport=PHONE, javascript=False)
    assert sorted(visible_facts(page)) == sorted(f.id for f in facts)
    expect(page.locator("input.md-search__input")).to_be_hidden()  # search needs the script; the timeline does not
    for fact in facts:
        expect(page.get_by_role("link", name=fact.title, exact=True)).to_be_visible()
    form = page.locator("#fs-filters")
    if form.count():
        usable = form.locator("input:enabled, select:enabled, button:enabled")
        assert not form.is_visible() or usable.count() == 0, "the filter form shows but cannot work without JS"
    screenshot(page, "timeline-nojs-phone-light")
    page.get_by_role("link", name=SCHOOLS_TITLE, exact=True).click()
    expect(page).to_have_title(re.compile(rf"^{re.escape(SCHOOLS_TITLE)}\b"))
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_navigation_reaches_the_how_we_work_pages(open_page: OpenPage, width: str) -> None:
    page, watch = open_page("", viewport=WIDTHS[width])
    for title in ("Methodology", "Rating scale", "Corrections", "Contribute", "About us"):
        link = page.locator("nav.md-nav--primary").get_by_role("link", name=title, exact=True)
        if width == "phone":  # the menu is in a drawer, with the section as a sub-menu
            page.locator("label.md-header__button[for=__drawer]").click()
            section = page.locator("nav.md-nav--primary label.md-nav__link", has_text="How we work").first
            if not page.locator(f"#{section.get_attribute('for')}").is_checked():
                section.click()
            if title == "Methodology":  # the open menu, with its sub-menu, is checked once
                expect(link).to_be_in_viewport()
                assert axe_violations(page) == [], "the open menu"
                screenshot(page, "menu-phone-light", full_page=False)
        link.click()
        expect(page.locator(".md-content h1")).to_have_text(re.compile(rf"^{title}\b"))
    watch.assert_clean()


def test_corrections_page_has_the_policy_and_the_generated_log(open_page: OpenPage) -> None:
    page, watch = open_page("corrections/")
    expect(page.get_by_role("heading", name="Corrections log")).to_be_visible()
    assert "factsite: corrections-log" not in page.content(), "the corrections-log block was not replaced"
    watch.assert_clean()


def test_verdict_index_lists_each_verdict_and_its_facts(open_page: OpenPage, facts: list[Fact]) -> None:
    page, watch = open_page("verdicts/")
    expect(page.locator(".md-content h1")).to_be_visible()
    accurate = page.locator(".md-content").get_by_role("link", name=re.compile(r"^\W*Accurate\b")).first
    accurate.click()
    expect(page.locator(".md-content h1")).to_contain_text("Accurate")
    links = page.locator(".md-content a[href*='facts/']")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    listed = {fact.id for fact in facts if any(f"facts/{fact.id}/" in href for href in hrefs)}
    assert listed == {fact.id for fact in facts if fact.verdict is not None and fact.verdict.id == "accurate"}
    watch.assert_clean()


# --- The Russian edition ---------------------------------------------------------------


def test_the_language_switch_keeps_the_reader_on_the_same_entry(open_page: OpenPage) -> None:
    page, watch = open_page(f"facts/{SCHOOLS}/", viewport=DESKTOP)
    page.locator(".md-header__option .md-select").hover()  # Material opens the list on hover or focus
    page.locator("a.md-select__link[hreflang=ru]").click()
    expect(page).to_have_url(re.compile(rf"/ru/facts/{SCHOOLS}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    expect(page).to_have_url(re.compile(rf"(?<!/ru)/facts/{SCHOOLS}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_russian_search_on_an_entry_page_finds_dushanbe(open_page: OpenPage, width: str) -> None:
    page, watch = open_page(f"ru/facts/{SCHOOLS}/", viewport=WIDTHS[width])
    open_search(page, "Душанбе", phone=width == "phone")
    hit = page.locator(f".md-search-result__item a.md-search-result__link[href*='/ru/facts/{EVENT}/']").first
    expect(hit).to_be_visible()
    hit.click()
    expect(page).to_have_url(re.compile(rf"/ru/facts/{EVENT}/"))
    watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_russian_search_stems_schools_and_its_results_pass_axe(open_page: OpenPage, width: str) -> None:
    """«школы» finds the entry titled «…пять школ…» (the index's Russian stems), and the open
    results, our own search box, have no axe violation."""
    page, watch = open_page("ru/", viewport=WIDTHS[width])
    open_search(page, "школы", phone=width == "phone")
    hit = page.locator(f".md-search-result__item a.md-search-result__link[href*='/ru/facts/{SCHOOLS}/']").first
    expect(hit).to_be_visible()
    expect(page.locator("#fs-search-status")).to_contain_text("Найдено")  # Material's Russian words
    page.wait_for_timeout(300)  # let the result list settle before measuring contrast
    found = axe_findings(page, f"search results for 'школы' on /ru/ ({width})")
    assert not found, "axe-core violations:\n" + report(found)
    watch.assert_clean()


PARITY = {
    "": ("Tashkent", "schools opened", "inves", "Alma-Ata Protocol"),
    "ru/": ("школы", "ташк", "посольство Душанбе"),
}
"""Queries whose results the search box must rank exactly as factsite.render.searchindex.query does."""


def test_the_search_box_ranks_as_the_index_module_does(open_page: OpenPage, built_site: tuple[Path, str]) -> None:
    """The browser's ranking (docs/assets/search.js) and the Python one the tests and the benchmark use agree:
    the same words, stems and scores, down to the order of the ten results shown."""
    folder, origin = built_site
    for root, queries in PARITY.items():
        page, watch = open_page(root)
        box = page.locator("input.md-search__input")
        for query in queries:
            expected = [origin + root + url for url in searchindex.query(folder / root / "search", query)]
            assert expected, query
            box.fill(query)  # one input event: the search box ranks on input, not on key events
            page.wait_for_function(
                "expected => JSON.stringify([...document.querySelectorAll('.md-search-result__link')]"
                ".map(link => link.href)) === JSON.stringify(expected)",
                arg=expected,
            )
        watch.assert_clean()


def test_search_keys_move_through_results_and_escape_closes(open_page: OpenPage) -> None:
    page, watch = open_page("")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("schools")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    watch.assert_clean()


RUSSIAN_PAGES = {"Russian home": "ru/", "Russian timeline": "ru/timeline/", "Russian fact": f"ru/facts/{SCHOOLS}/"}


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_the_russian_home_timeline_and_entry(
    open_page: OpenPage, site: str, width: str
) -> None:
    page, _ = open_page("", viewport=WIDTHS[width])
    found = axe_sweep(page, site, RUSSIAN_PAGES, f"{width}, light")
    assert not found, "axe-core violations:\n" + report(found)


# --- Accessibility, schemes and widths ------------------------------------------------


PAGE_TYPES = {
    "home": "",
    "timeline": "timeline/",
    "fact": f"facts/{SCHOOLS}/",
    "event": f"facts/{EVENT}/",
    "verdicts": "verdicts/",
    "verdict": "verdicts/needs-context/",
    "tags": "tags/",
    "tag": "tags/education/",
    "actors": "actors/",
    "actor": "actors/tajikistan/",
    "rating scale": "rating-scale/",
    "fact format": "fact-format/",
    "data": "data/",
    "source article": "source-article/",
    "methodology": "methodology/",
    "corrections": "corrections/",
    "contribute": "contribute/",
    "about": "about/",
    "not found": "404.html",
}
"""One page of every kind the repository's site has. A withdrawn fact and the per-year
timeline (which only exists above 600 facts) need other facts: see `large_site`."""
SCHEMES = {"light": "default", "dark": "slate"}


def axe_sweep(page: Page, site: str, pages: dict[str, str], label: str) -> list[AxeFinding]:
    """axe-core on each page in turn, in the page's current context (width, scheme)."""
    found = []
    for name, path in pages.items():
        page.goto(site + path, wait_until="load")
        found += axe_findings(page, f"{name} page /{path} ({label})")
    return found


def axe_in_both_schemes(page: Page, site: str, pages: dict[str, str], width: str) -> list[AxeFinding]:
    """Every page in the light scheme, and in the dark one at desktop width; at phone width the
    dark scheme is checked on the home page and the open search, which have their own phone
    layout (colours do not depend on the width). One browser context, switched between schemes."""
    page.add_init_script("localStorage.clear()")  # the theme would keep the scheme it chose first
    found = []
    for scheme, palette in SCHEMES.items():
        page.emulate_media(color_scheme=scheme)
        page.goto(site, wait_until="load")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        label = f"{width}, {scheme}"
        chosen = pages if width == "desktop" or scheme == "light" else {"home": ""} if "home" in pages else {}
        found += axe_sweep(page, site, chosen, label)
        if "home" in pages:
            page.goto(site, wait_until="load")
            open_search(page, "Tashkent", phone=width == "phone")
            page.wait_for_timeout(300)  # let the result list settle before measuring contrast
            found += axe_findings(page, f"search results for 'Tashkent' on / ({label})")
            screenshot(page, f"search-{label.replace(', ', '-')}", full_page=False)
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_any_page_type(open_page: OpenPage, site: str, width: str) -> None:
    """Every page type of the repository's site, and the open search with results."""
    page, watch = open_page("", viewport=WIDTHS[width])
    found = axe_in_both_schemes(page, site, PAGE_TYPES, width)
    assert not found, "axe-core violations:\n" + report(found)
    watch.assert_clean()


WITHDRAWN = "2022-06--putin-rahmon-recent-contacts"
LARGE_PAGE_TYPES = {
    "withdrawn fact": f"facts/{WITHDRAWN}/",
    "timeline split by year": "timeline/",
    "timeline year": "timeline/2022/",
}
"""Page types the repository's facts do not produce: a withdrawn fact and, above
`PAGE_LIMIT` facts, the timeline split into pages by year."""


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the project with one fact withdrawn and enough copies of another to split the timeline."""
    project = tmp_path_factory.mktemp("large-project")
    for name in ("facts", "vocab", "docs", "hooks", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    withdrawn = project / "facts" / f"{WITHDRAWN}.yml"
    text = withdrawn.read_text(encoding="utf-8")
    reason = "A withdrawal made for the accessibility test."
    withdrawal = f'status: withdrawn\nwithdrawal:\n  date: "{TODAY.isoformat()}"\n  reason: {reason}\n'
    withdrawn.write_text(text.replace("status: published\n", withdrawal), encoding="utf-8")
    original = (project / "facts" / f"{SCHOOLS}.yml").read_text(encoding="utf-8")
    copies = PAGE_LIMIT + 2 - len(list(REPO.glob("facts/*.yml")))  # one published fact too many for one page
    for number in range(copies):
        copy = original.replace(f"title: {SCHOOLS_TITLE}", f"title: Copy {number} of the school openings")
        (project / "facts" / f"2022-09-01--copy-{number:03d}.yml").write_text(copy, encoding="utf-8")
    directory = tmp_path_factory.mktemp("large-site")
    with serve(directory) as url:
        build_site(project, directory, url, TODAY.isoformat())
        assert (directory / "timeline" / "2022" / "index.html").is_file(), "the timeline was not split"
        yield url


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_a_withdrawn_fact_and_a_timeline_split_by_year(
    open_page: OpenPage, large_site: str, width: str
) -> None:
    page, watch = open_page("", viewport=WIDTHS[width], base=large_site)
    expect(page.locator(".md-content")).to_be_visible()
    found = axe_in_both_schemes(page, large_site, LARGE_PAGE_TYPES, width)
    assert not found, "axe-core violations:\n" + report(found)
    watch.assert_clean()


def test_axe_gate_names_the_page_and_rule_of_a_broken_contrast(
    open_page: OpenPage, built_site: tuple[Path, str], tmp_path: Path
) -> None:
    """A scratch copy of the built site with a verdict colour too pale to read fails the gate."""
    copy = tmp_path / "site"
    shutil.copytree(built_site[0], copy)
    with (copy / "assets" / "facts.css").open("a", encoding="utf-8") as css:
        css.write("\n.fs-verdict--accurate { --fs-verdict: #9ccc9c; }\n")
    with serve(copy) as url:
        page, _ = open_page("", base=url)
        found = axe_sweep(page, url, {"home": "", "fact": f"facts/{SCHOOLS}/"}, "desktop, light")
    message = report(found)
    assert f"fact page /facts/{SCHOOLS}/ (desktop, light): color-contrast (serious)" in message
    assert ".fs-verdict--accurate" in message
    assert {(f.page, f.rule) for f in found} >= {(f"fact page /facts/{SCHOOLS}/ (desktop, light)", "color-contrast")}


def _longest_word(fact: Fact) -> int:
    said = [fact.claimant.display, fact.conclusion or ""] if fact.claimant else [fact.summary or ""]
    texts = [fact.title, *said, *(t.label for t in (*fact.tags, *fact.actors))]
    texts += [f"{source.title or ''} {source.publisher}" for source in fact.sources]
    return max(len(word) for text in texts for word in text.split())


def test_pages_reflow_at_320_pixels_without_scrolling_sideways(
    open_page: OpenPage, site: str, facts: list[Fact]
) -> None:
    """WCAG 1.4.10: at 320 CSS pixels nothing makes the page wider than the screen."""
    pages = ["", "timeline/", "verdicts/", "tags/", "actors/", "methodology/", "corrections/", "contribute/", "about/"]
    # Fact pages share one template: check the ones with the longest unbreakable words.
    pages += [f"facts/{fact.id}/" for fact in sorted(facts, key=_longest_word, reverse=True)[:8]]
    # Without JavaScript the pages load several times faster. The theme's header then keeps a
    # hidden, shifted page title that JavaScript would place, so the page body is measured.
    page, watch = open_page("", viewport={"width": 320, "height": 640}, javascript=False)
    too_wide = {}
    for path in pages:
        page.goto(site + path, wait_until="load")
        render_every_entry(page)  # entries out of view clip what would overflow them
        width = page.evaluate(BODY_WIDTH)
        if width > 320:
            too_wide[path] = width
    assert too_wide == {}
    watch.assert_clean()


# --- The checks themselves can fail ----------------------------------------------------


def test_watch_and_axe_catch_what_they_are_for(open_page: OpenPage) -> None:
    page, watch = open_page("about/")
    page.evaluate("""() => {
        console.error('deliberate');
        fetch('https://fonts.example.invalid/font.woff2').catch(() => {});
        const img = document.createElement('img');
        img.src = '/no-such-image.png';
        document.querySelector('.md-content').append(img);
    }""")
    page.wait_for_timeout(300)
    assert "deliberate" in watch.console_errors
    assert watch.external_requests == ["https://fonts.example.invalid/font.woff2"]
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
    with pytest.raises(AssertionError):
        watch.assert_clean()


def test_a_missing_browser_fails_and_skips_only_when_asked_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROME_PATH", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FACTSITE_SKIP_BROWSER", raising=False)
    with pytest.raises(pytest.fail.Exception, match="apt-get install"):
        chromium_path()
    monkeypatch.setenv("FACTSITE_SKIP_BROWSER", "1")
    with pytest.raises(pytest.skip.Exception, match="FACTSITE_SKIP_BROWSER=1"):
        chromium_path()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        chromium_path()


def test_reflow_measure_sees_an_element_wider_than_the_screen(open_page: OpenPage) -> None:
    page, _ = open_page("about/", viewport={"width": 320, "height": 640}, javascript=False)
    assert page.evaluate(BODY_WIDTH) == 320
    page.evaluate("""() => {
        const wide = document.createElement('span');
        wide.style.whiteSpace = 'nowrap';
        wide.textContent = 'Eurasian Fund for Stabilization and Development (EFSD)';
        document.querySelector('.md-content p').append(wide);
    }""")
    assert page.evaluate(BODY_WIDTH) > 320


def test_reflow_measure_sees_a_wide_timeline_entry_out_of_view(open_page: OpenPage) -> None:
    page, _ = open_page("timeline/", viewport={"width": 320, "height": 640}, javascript=False)
    page.evaluate("""() => {
        const wide = document.createElement('span');
        wide.style.whiteSpace = 'nowrap';
        wide.textContent = 'Eurasian Fund for Stabilization and Development (EFSD)';
        [...document.querySelectorAll('.fs-entry__title')].at(-1).append(wide);
    }""")
    render_every_entry(page)  # entries out of view clip what would overflow them
    assert page.evaluate(BODY_WIDTH) > 320


# --- A reader's first screen (issue: publication-grade reader pages) -------------------

SCREENSHOTS = REPO / "docs-dev" / "screenshots"
"""Screenshots of the reader's pages at both widths, made by the tests and linked from the README."""
VIEWS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PLACEHOLDERS = ("not recorded", "[our description")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_timeline_entry_is_on_the_first_phone_screen(open_page: OpenPage, scheme: str) -> None:
    page, watch = open_page("timeline/", viewport=VIEWS["phone"], scheme=scheme)
    expect(page.locator(".fs-filters__toggle")).to_be_visible()
    expect(page.locator("#fs-filter-panel")).to_be_hidden()  # folded behind the Filter button
    title = page.locator("[data-fact] .fs-entry__title").first
    box = title.bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWS["phone"]["height"], box
    watch.assert_clean()


@pytest.mark.parametrize("width", VIEWS)
def test_every_year_is_reachable_by_a_visible_control(open_page: OpenPage, facts: list[Fact], width: str) -> None:
    viewport = VIEWS[width]
    page, watch = open_page("timeline/", viewport=viewport)
    years = sorted({fact.date.year for fact in facts})
    bar = page.locator("nav.fs-years")
    assert bar.evaluate("nav => nav.querySelector('ul').scrollWidth <= nav.clientWidth"), "the year bar scrolls"
    for year in years:
        link = bar.locator(f"[data-fs-year-link='{year}'] a")
        expect(link).to_be_visible()
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (year, box)
        # Nothing covers it: the point at its centre belongs to the link.
        hit = link.evaluate(
            "a => { const r = a.getBoundingClientRect();"
            " return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"
        )
        assert hit, f"the link to {year} is covered"
    last = years[-1]
    bar.locator(f"[data-fs-year-link='{last}'] a").click()
    expect(page).to_have_url(re.compile(rf"#{last}$"))
    expect(page.locator(f"h2[id='{last}']")).to_be_in_viewport()
    watch.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", VIEWS)
def test_claim_verdict_badge_is_large_and_on_the_first_screen(open_page: OpenPage, width: str, scheme: str) -> None:
    viewport = VIEWS[width]
    page, watch = open_page(f"facts/{SCHOOLS}/", viewport=viewport, scheme=scheme)
    badge = page.locator(".fs-verdict-card .fs-verdict")
    expect(badge).to_have_text(re.compile(r"Accurate"))
    size = badge.evaluate("b => parseFloat(getComputedStyle(b).fontSize)")
    assert size >= 24, f"the verdict badge is {size}px"
    box = badge.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box
    expect(page.locator(".md-content h1")).to_have_text(
        "Five Russian-built schools opened in Tajikistan on 1 September 2022"
    )
    toc = page.locator("nav.md-nav--secondary").first
    if width == "desktop":
        for heading in ("Our verdict", "Claim", "Sources"):
            expect(toc.get_by_role("link", name=heading, exact=True)).to_be_attached()
    watch.assert_clean()


@pytest.mark.parametrize("width", VIEWS)
def test_an_event_page_leads_with_what_happened_and_shows_no_verdict(open_page: OpenPage, width: str) -> None:
    viewport = VIEWS[width]
    page, watch = open_page(f"facts/{EVENT}/", viewport=viewport)
    label = page.locator(".fs-fact__kicker .fs-kind--event")
    expect(label).to_have_text(re.compile(r"Event"))
    box = label.bounding_box()
    assert box is not None and box["y"] + box["height"] <= viewport["height"], box
    expect(page.locator(".md-content h2#summary")).to_contain_text("What happened")
    assert page.locator(".fs-verdict-card, .fs-fact__kicker .fs-verdict").count() == 0, "an event has no verdict"
    assert page.locator("script[type='application/ld+json']").count() == 0, "and no ClaimReview"
    watch.assert_clean()


def test_no_link_text_on_any_page_contains_a_placeholder(built_site: tuple[Path, str]) -> None:
    """Every HTML page of the built site, read as the browser would: no link reads "[our description…"."""
    from lxml import html as lxml_html

    folder = built_site[0]
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 100
    found = []
    for path in pages:
        tree = lxml_html.fromstring(path.read_bytes())
        for link in tree.iter("a"):
            text = " ".join(link.text_content().split())
            if any(marker in text.lower() for marker in PLACEHOLDERS):
                found.append(f"{path.relative_to(folder)}: {text}")
    assert found == []
    # The check can fail: the research's placeholders are in the facts, and the pages say so beside the link.
    fact = (folder / "facts" / SCHOOLS / "index.html").read_text(encoding="utf-8")
    assert "(page title not recorded)" in fact


@pytest.mark.parametrize("width", VIEWS)
def test_axe_finds_no_violation_with_the_filter_panel_open(open_page: OpenPage, width: str) -> None:
    found = []
    for scheme in ("light", "dark"):
        page, watch = open_page("timeline/?verdict=accurate", viewport=VIEWS[width], scheme=scheme)
        if width == "phone":
            page.locator(".fs-filters__toggle").click()
            expect(page.locator(".fs-filters__toggle")).to_have_attribute("aria-expanded", "true")
            expect(page.locator(".fs-filters__active")).to_have_text(" (1)")
        expect(page.locator("#fs-filter-panel")).to_be_visible()
        page.locator('#fs-filters input[name="verdict"][value="inaccurate"]').check()
        expect(page.locator("#fs-count")).to_have_text(re.compile(r"^\s*\d+ of \d+ entries"))
        found += axe_findings(page, f"timeline, filter panel open ({width}, {scheme})")
        watch.assert_clean()
    assert not found, "axe-core violations:\n" + report(found)


@pytest.mark.parametrize("width", VIEWS)
def test_screenshots_of_the_reader_pages(open_page: OpenPage, width: str) -> None:
    """Home, timeline, a claim and an event as a reader first sees them, for the README (docs-dev/screenshots/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {"home": "", "timeline": "timeline/", "claim": f"facts/{SCHOOLS}/", "event": f"facts/{EVENT}/"}
    for name, path in pages.items():
        page, watch = open_page(path, viewport=VIEWS[width])
        page.wait_for_timeout(200)  # let the theme settle its header
        target = SCREENSHOTS / f"{name}-{width}.jpg"
        page.screenshot(path=str(target), type="jpeg", quality=70, animations="disabled", caret="hide")
        assert target.stat().st_size > 5_000
        watch.assert_clean()


def test_phone_header_and_data_page_fit_without_cutting_words(open_page: OpenPage) -> None:
    """At 390 px the header shows a short site name whole, and file names on the Data page
    break only after a slash or hyphen, never inside a word ("facts.jso|n")."""
    page, watch = open_page("data/", viewport=VIEWS["phone"])
    topic = page.locator(".md-header__topic").first
    assert topic.evaluate("t => t.scrollWidth <= t.clientWidth"), "the site name is cut off in the header"
    shown = topic.evaluate("t => getComputedStyle(t, '::after').content")
    assert "Russia–Tajikistan" in shown
    breaks = page.eval_on_selector_all(
        ".md-typeset td code",
        """codes => codes.flatMap(code => {
            const text = code.textContent, node = code.firstChild, found = [];
            if (!node || node.nodeType !== Node.TEXT_NODE) return found;
            let top = null;
            for (let i = 0; i < text.length; i++) {
                const range = document.createRange();
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rect = range.getBoundingClientRect();
                if (top !== null && rect.top > top + 2) found.push(text.slice(0, i) + '|' + text.slice(i));
                top = rect.top;
            }
            return found;
        })""",
    )
    assert [b for b in breaks if not b.split("|")[0].endswith(("/", "-"))] == []  # a slash or hyphen, not mid-word
    watch.assert_clean()
