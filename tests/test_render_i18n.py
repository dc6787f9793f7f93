"""The Russian edition's rendering: every interface text translated in the catalogue, and
the pages, dates, feeds, ClaimReview and cards written in the edition being rendered.

Golden files in tests/golden/ (regenerate with UPDATE_GOLDEN=1) show a Russian claim
page and a Russian event page whose translation lacks a field.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from browserkit import LAUNCH_ARGS, chromium_path
from conftest import CASES, TODAY
from PIL import Image
from playwright.sync_api import expect, sync_playwright
from test_render import assert_golden

from factsite import i18n
from factsite.catalog import Catalog
from factsite.dates import PartialDate
from factsite.i18n import ENGLISH, RUSSIAN
from factsite.model import Fact
from factsite.pipeline import Layout, check_project
from factsite.render.cardfiles import CardCache, CardJob
from factsite.render.cards import CARD_DIR, KEY_CHUNK, all_cards, fact_card, site_card
from factsite.render.claimreview import claim_review, fact_head
from factsite.render.feeds import render_feeds
from factsite.render.pages import render_fact_pages
from factsite.render.reference import render_fact_format, render_rating_scale
from factsite.render.siteinfo import SiteInfo
from factsite.render.timeline import render_timeline, script_strings
from factsite.schema import verdict_scale
from gates.serving import serve

REPO = Path(__file__).resolve().parent.parent
PO = REPO / "src" / "factsite" / "locale" / "ru" / "LC_MESSAGES" / "messages.po"
RU_SITE = SiteInfo("https://facts.example.org/ru/", "Отношения России и Таджикистана: проверка фактов")
CLAIM = "2022-09-01--thirty-years"
EVENT = "1992-04-08--relations"


# The catalogue


def extracted() -> dict[str, tuple[str, ...]]:
    """Every message the code and templates mark, found as `make messages` finds it (babel.cfg)."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str, tuple[str, ...]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map):
        ids = (message,) if isinstance(message, str) else tuple(m for m in message if m)
        if ids and ids[0]:
            found.setdefault(ids[0], ids)
        assert ids, f"{filename}:{lineno}: an empty message"
    return found


def russian() -> MessageCatalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="ru")


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_the_extraction_finds_the_marked_text() -> None:
    """A check that found nothing would pass on a broken babel.cfg."""
    found = extracted()
    assert "Our verdict" in found, "templates"
    assert found["%(num)d source"] == ("%(num)d source", "%(num)d sources"), "ngettext in templates"
    assert "Permanent link" in found and "Timeline" in found, "Python modules"
    assert "Russia–Tajikistan relations, fact-checked" in found, "N_() marks"


def test_every_message_is_in_the_russian_catalogue_translated_and_not_fuzzy() -> None:
    catalog = russian()
    problems = []
    for msgid, ids in sorted(extracted().items()):
        message = catalog.get(msgid)
        if message is None:
            problems.append(f"missing (run make messages): {msgid!r}")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"{'fuzzy' if message.fuzzy else 'untranslated'}: {msgid!r}")
        if len(ids) > 1 and len(strings) != catalog.num_plurals:
            problems.append(f"{len(strings)} plural forms, not {catalog.num_plurals}: {msgid!r}")
        wanted = {frozenset(PLACEHOLDER.findall(text)) for text in ids}
        for text in strings:
            if frozenset(PLACEHOLDER.findall(text)) not in wanted:
                problems.append(f"placeholders differ: {msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_the_catalogue_holds_only_live_messages_and_russian_plural_rules() -> None:
    catalog = russian()
    live = set(extracted())
    stale = sorted(str(m.id) for m in catalog if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in live)
    assert not stale and not catalog.obsolete, stale
    assert catalog.num_plurals == 3
    assert catalog.get("Our verdict").string == "Наша оценка"  # type: ignore[union-attr]


def test_russian_plurals_follow_the_number() -> None:
    with i18n.using(RUSSIAN):
        forms = [i18n.ngettext("%(num)d source", "%(num)d sources", n) % {"num": n} for n in (1, 3, 5, 21, 11)]
    assert forms == ["1 источник", "3 источника", "5 источников", "21 источник", "11 источников"]


# Pages


@pytest.fixture(scope="module")
def facts() -> dict[str, Fact]:
    result = check_project(Layout.of(CASES / "valid" / "translated", vocab=CASES / "vocab"), today=TODAY)
    assert not result.report.errors
    return {fact.id: fact for fact in result.facts}


@pytest.fixture(scope="module")
def ru_pages(facts: dict[str, Fact]) -> dict[str, str]:
    with i18n.using(RUSSIAN):
        catalog = Catalog([fact.in_language("ru") for fact in facts.values()])
        return {page.src_uri.removeprefix("facts/"): page.content for page in render_fact_pages(catalog)}


def test_russian_claim_page(ru_pages: dict[str, str]) -> None:
    """Our translation of a claim is labelled as ours, with the English it translates beside it."""
    page = ru_pages[f"{CLAIM}.md"]
    assert_golden("fact-page-ru.md", page)
    assert '<h2 id="verdict">Наша оценка' in page
    assert "(перевод редакции)" in page
    assert '<blockquote lang="en"><p>This year the two countries celebrate' in page, "the claim as recorded"
    assert '<time datetime="2022-09-01">1 сентября 2022\u202fг.</time>' in page
    assert "fs-untranslated" not in page, "every field translated: no notice"
    correction = '<li><time datetime="2026-12-01">1 декабря 2026\u202fг.</time>: <span lang="en">The appearance'
    assert correction in page, "correction notes are written in English only, and marked so"


def test_russian_event_page_says_what_is_not_translated(ru_pages: dict[str, str]) -> None:
    page = ru_pages[f"{EVENT}.md"]
    assert_golden("event-page-ru.md", page)
    assert "Часть этой записи ещё не переведена и показана на английском языке." in page
    assert '<div class="fs-event-card" lang="en"><p>The two countries establish' in page
    assert "Россия и Таджикистан устанавливают дипломатические отношения" in page


def test_english_pages_are_untouched_by_the_translations(facts: dict[str, Fact]) -> None:
    page = {p.src_uri: p.content for p in render_fact_pages(Catalog(list(facts.values())))}[f"facts/{CLAIM}.md"]
    assert "Our verdict" in page and "1 September 2022" in page
    assert 'lang="' not in page.replace('lang="ru"', ""), "nothing marked as another language in English"
    assert "перевод" not in page


def test_russian_dates_at_each_precision() -> None:
    """As Babel writes them, "г." kept on the year's line by a narrow no-break space."""
    with i18n.using(RUSSIAN):
        shown = [PartialDate(2022, 9, 1).display(), PartialDate(2022, 9).display(), PartialDate(2022).display()]
    assert shown == ["1 сентября 2022\u202fг.", "сентябрь 2022\u202fг.", "2022"]
    assert PartialDate(2022, 9, 1).display() == "1 September 2022", "English outside the block"


def test_timeline_and_its_script_speak_the_edition(facts: dict[str, Fact]) -> None:
    with i18n.using(RUSSIAN):
        timeline = render_timeline(Catalog([f.in_language("ru") for f in facts.values()]))[0].content
        strings = json.loads(str(script_strings()))
    assert '<h1 class="fs-timeline__title">Хронология</h1>' in timeline
    assert '<output id="fs-count" aria-live="polite">2 из 2 записей</output>' in timeline
    assert "Верно" in timeline, "verdict filters in Russian"
    assert strings["lang"] == "ru" and strings["event"] == "Событие"
    assert strings["entries"] == {
        "few": "{shown} из {total} записей",
        "many": "{shown} из {total} записей",
        "one": "{shown} из {total} записи",
    }
    english = json.loads(str(script_strings()))
    assert english["entries"] == {"one": "{shown} of {total} entry", "other": "{shown} of {total} entries"}


def test_rating_scale_names_verdicts_from_the_schema_translations() -> None:
    with i18n.using(RUSSIAN):
        page = render_rating_scale().content
    assert page.startswith('---\ntitle: "Шкала оценок"')
    for verdict in verdict_scale("ru"):
        assert f"{verdict.label}</span> {{#{verdict.id}}}" in page
        assert verdict.definition in page
    assert "Оценка 4 из 4." in page and "Accurate" not in page


def test_the_fact_format_stays_english_and_says_so_in_russian() -> None:
    english = render_fact_format().content
    with i18n.using(RUSSIAN):
        page = render_fact_format().content
    assert "lang=" not in english.split("\n---\n", 1)[1][:200]
    notice, body = page.split('<div lang="en" markdown="1">', 1)
    assert "Этот справочник для авторов записей есть только на английском языке." in notice
    assert body.lstrip().startswith("# Fact format") and body.rstrip().endswith("</div>")


# Outputs read outside the site


def test_claim_review_is_in_the_edition_language(facts: dict[str, Fact]) -> None:
    english = claim_review(facts[CLAIM], SiteInfo("https://facts.example.org/"))
    with i18n.using(RUSSIAN):
        russian_review = claim_review(facts[CLAIM].in_language("ru"), RU_SITE)
        head = fact_head(facts[CLAIM].in_language("ru"), RU_SITE, {})
    assert english["inLanguage"] == "en" and english["reviewRating"]["alternateName"] == "Accurate"
    assert russian_review["inLanguage"] == "ru"
    assert russian_review["reviewRating"]["alternateName"] == "Верно"
    assert russian_review["url"] == f"https://facts.example.org/ru/facts/{CLAIM}/"
    assert russian_review["claimReviewed"] == "В этом году две страны отмечают 30 лет отношений"
    assert '<meta property="og:locale" content="ru_RU">' in head


def feed(files: list[tuple[str, str]], path: str) -> ET.Element:
    return ET.fromstring(dict(files)[path].encode("utf-8"))


def test_russian_feed_is_marked_russian_and_links_the_russian_site(facts: dict[str, Fact]) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    with i18n.using(RUSSIAN):
        files = [(f.src_uri, f.content) for f in render_feeds([f.in_language("ru") for f in facts.values()], RU_SITE)]
    root = feed(files, "feed.atom")
    assert root.get(xml_lang) == "ru"
    assert root.findtext(f"{atom}title") == f"{RU_SITE.name}: новые и исправленные записи"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{atom}link")}
    assert links == {"self": "https://facts.example.org/ru/feed.atom", "alternate": "https://facts.example.org/ru/"}
    summaries = [entry.findtext(f"{atom}summary") or "" for entry in root.findall(f"{atom}entry")]
    assert any(s.startswith("Исправлено 2026-12-01: The appearance date was corrected.") for s in summaries)
    assert any("Оценка: Верно." in s for s in summaries)
    english = [
        (f.src_uri, f.content) for f in render_feeds(list(facts.values()), SiteInfo("https://facts.example.org/"))
    ]
    assert feed(english, "feed.atom").get(xml_lang) == "en"


def test_cards_are_written_in_the_edition_they_were_made_in(facts: dict[str, Fact]) -> None:
    with i18n.using(RUSSIAN):
        claim = fact_card(facts[CLAIM].in_language("ru"), RU_SITE.name)
        event = fact_card(facts[EVENT].in_language("ru"), RU_SITE.name)
        site = site_card(RU_SITE.name, RU_SITE.description, 21, "1 декабря 2026\u202fг.")
    assert (claim.badge, claim.kicker) == ("Верно", "Проверка фактов · 1 сентября 2022\u202fг.")
    assert (event.badge, event.kicker) == ("Событие", "8 апреля 1992\u202fг.")
    assert site.kicker == "21 запись · обновлено 1 декабря 2026\u202fг."
    assert fact_card(facts[EVENT], "Site").badge == "Event", "English again outside the block"


def test_a_card_job_draws_in_the_edition_it_was_started_in(tmp_path: Path, facts: dict[str, Fact]) -> None:
    """Cards are finished after the pages, maybe outside the edition's block: each card's text
    is fixed when the job starts."""
    ru_facts = [fact.in_language("ru") for fact in facts.values()]
    with i18n.using(RUSSIAN):
        job = CardJob(all_cards(ru_facts, RU_SITE), CardCache(remember=False), tmp_path, workers=0)
        expected = fact_card(facts[EVENT].in_language("ru"), RU_SITE.name).key()
    job.finish()
    with Image.open(tmp_path / CARD_DIR / f"{EVENT}.png") as image:
        assert image.info[KEY_CHUNK] == expected
    assert expected != fact_card(facts[EVENT].in_language("ru"), RU_SITE.name).key(), "English outside the block"


def test_the_default_site_name_follows_the_edition() -> None:
    assert SiteInfo().name == "Russia–Tajikistan relations, fact-checked"
    with i18n.using(RUSSIAN):
        assert SiteInfo().name == "Отношения России и Таджикистана: проверка фактов"
    assert i18n.active() is ENGLISH


# The timeline script, in a browser


def serve_timeline(folder: Path, facts: dict[str, Fact], *, split: bool) -> None:
    """The Russian timeline page as the site serves it (directory URLs), with timeline.js and the filter index."""
    with i18n.using(RUSSIAN):
        files = render_timeline(Catalog([f.in_language("ru") for f in facts.values()]), page_limit=0 if split else 100)
    pages = {file.src_uri: file.content for file in files}
    body = pages["timeline.md"].split("\n---\n", 1)[1]
    (folder / "timeline").mkdir(parents=True)
    page = f'<!doctype html><html lang="ru"><meta charset="utf-8"><title>t</title><body>{body}'
    page += '<script src="../timeline.js"></script></body></html>'
    (folder / "timeline" / "index.html").write_text(page, encoding="utf-8")
    (folder / "timeline" / "filter-index.json").write_text(pages["timeline/filter-index.json"], encoding="utf-8")
    (folder / "timeline.js").write_bytes((REPO / "docs" / "assets" / "timeline.js").read_bytes())


@pytest.mark.parametrize("split", [False, True], ids=["one page", "split by year"])
def test_the_timeline_script_writes_russian(tmp_path: Path, facts: dict[str, Fact], split: bool) -> None:
    """What the script writes (the count, and for a split timeline each entry it builds) is in the page's language."""
    serve_timeline(tmp_path, facts, split=split)
    errors: list[str] = []
    with serve(tmp_path) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}timeline/?kind=event")
        expect(page.locator("#fs-count")).to_have_text("1 из 2 записей")
        if split:
            entry = page.locator("#fs-results .fs-entry")
            expect(entry).to_have_count(1)
            expect(entry.locator(".fs-entry__kind")).to_have_text("Событие")
            expect(entry.locator(".fs-kind--event")).to_have_text("◆ Событие")
        browser.close()
    assert not errors
