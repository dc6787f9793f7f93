"""Atom feeds: well-formed XML, read without errors by feedparser, complete and in publication order."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from sitebuild import OUTPUTS, REPO, SITE_URL, Page, outputs_site, page, published, repository_site

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return outputs_site(tmp_path_factory)


def parse(path: Path) -> feedparser.FeedParserDict:
    ET.parse(path)  # well-formed, or ParseError
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_site_feed_has_every_published_fact_newest_first(site: Path) -> None:
    feed = parse(site / "feed.atom")
    ids = [entry.id for entry in feed.entries]
    assert ids == [
        f"{SITE_URL}facts/{fact_id}/"
        for fact_id in (
            "2023--withdrawn",  # withdrawn 2026-11-28
            "1992-04-08--relations",  # corrected 2026-11-27
            "2022-09-05--hostile-text",  # published 2026-11-26
            "2022-09--schools",  # published 2026-11-25
            "1992-04--embassy-opens",  # published 2026-11-20, an event; earlier in time
            "2021-05-01--apostrophe",  # published 2026-11-20
        )
    ]
    assert len(ids) == len(published(OUTPUTS)) + 1, "every published fact, and the withdrawn one"
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.feed.updated == updated[0] == "2026-11-28T00:00:00Z"
    assert feed.feed.id == f"{SITE_URL}feed.atom"
    corrected = feed.entries[1]
    assert corrected.published == "2026-11-20T00:00:00Z"
    assert corrected.link == ids[1]
    assert corrected.summary.startswith("Corrected on 2026-11-27: Added the second source.")
    assert [tag.term for tag in corrected.tags] == ["diplomacy"]


def test_a_withdrawal_is_announced_in_the_feed(site: Path) -> None:
    (withdrawn,) = [entry for entry in parse(site / "feed.atom").entries if "2023--withdrawn" in entry.id]
    assert withdrawn.title.startswith("Withdrawn: ")
    assert withdrawn.updated == "2026-11-28T00:00:00Z"
    assert withdrawn.summary.startswith("Withdrawn on 2026-11-28: Duplicate of another entry")


def test_text_with_markup_survives_the_feed_exactly(site: Path) -> None:
    root = ET.parse(site / "feed.atom").getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert '+Script </script><script>alert(1)</script> & "quotes"' in titles


def test_one_feed_per_tag_with_that_tags_facts(site: Path) -> None:
    feeds = sorted(path.name for path in site.glob("feed-*.atom"))
    assert feeds == ["feed-diplomacy.atom", "feed-education.atom"]
    education = parse(site / "feed-education.atom")
    assert [entry.id.split("/")[-2] for entry in education.entries] == ["2022-09-05--hostile-text", "2022-09--schools"]
    assert education.feed.title.endswith("Education & schools, new and corrected facts")
    diplomacy = parse(site / "feed-diplomacy.atom")
    assert len(diplomacy.entries) == 5  # three published claims, an event, one withdrawn


def test_every_page_links_the_site_feed_and_fact_pages_their_tag_feeds(site: Path) -> None:
    pages = [*sorted(site.rglob("index.html")), site / "404.html"]
    assert len(pages) > 8
    for path in pages:
        assert f"{SITE_URL}feed.atom" in Page(path.read_text(encoding="utf-8")).feeds, path
    assert page(site, "2022-09-05--hostile-text").feeds == [
        f"{SITE_URL}feed.atom",
        f"{SITE_URL}feed-diplomacy.atom",
        f"{SITE_URL}feed-education.atom",
    ]


def test_repository_feed_has_every_published_fact(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = repository_site(tmp_path_factory)
    feed = parse(built / "feed.atom")
    assert sorted(entry.id for entry in feed.entries) == sorted(
        f"{SITE_URL}facts/{fact.id}/" for fact in published(REPO)
    )
    for path in built.glob("feed-*.atom"):
        assert parse(path).entries
