"""Atom feeds: read by feedparser, tag: ids, entries dated by git, topic feeds tied to their topic pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from reviewrepo import git
from sitebuild import (
    FEED_TAG,
    OUTPUTS,
    REPO,
    SITE_URL,
    Page,
    build,
    make_project,
    model,
    outputs_site,
    page,
    published,
    repository_site,
)

from factsite.gitbase import head_commit, last_commit_times
from factsite.render import feeds as feeds_module
from factsite.render.feeds import Stamp, render_feeds, updated_stamps
from factsite.render.siteinfo import SiteInfo

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = SiteInfo(SITE_URL, "Test site")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return outputs_site(tmp_path_factory)


def parse(path: Path) -> feedparser.FeedParserDict:
    ET.parse(path)  # well-formed, or ParseError
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def feeds(site: Path) -> list[Path]:
    found = [site / "feed.atom", *sorted(site.glob("feed-*.atom"))]
    assert len(found) > 1
    return found


def assert_sound(site: Path) -> None:
    """Every feed reads cleanly, has tag: ids, and no two of its entries share `updated`."""
    for path in feeds(site):
        feed = parse(path)
        assert feed.entries, path
        updated = [entry.updated for entry in feed.entries]
        assert len(set(updated)) == len(updated), (path, updated)
        assert updated == sorted(updated, key=feedparser_instant, reverse=True), "newest first"
        assert feed.feed.updated == updated[0]
        assert feed.feed.id.startswith("tag:") and all(entry.id.startswith("tag:") for entry in feed.entries)


def feedparser_instant(text: str) -> tuple[str, float]:
    """An RFC 3339 UTC stamp as a sortable value, fractions included."""
    day, _, fraction = text.removesuffix("Z").partition(".")
    return day, float(f"0.{fraction or 0}")


def test_site_feed_has_every_published_fact_newest_first(site: Path) -> None:
    feed = parse(site / "feed.atom")
    ids = [entry.id for entry in feed.entries]
    assert ids == [
        f"{FEED_TAG}facts/{fact_id}"
        for fact_id in (
            "2023--withdrawn",  # withdrawn 2026-11-28
            "1992-04-08--relations",  # corrected 2026-11-27
            "2022-09-05--hostile-text",  # published 2026-11-26
            "2022-09--schools",  # published 2026-11-25
            "2021-05-01--apostrophe",  # published 2026-11-20
            "1992-04--embassy-opens",  # published 2026-11-20, an event
        )
    ]
    assert len(ids) == len(published(OUTPUTS)) + 1, "every published fact, and the withdrawn one"
    # Not a git repository: each entry is dated midnight of its last change.
    assert feed.feed.updated == feed.entries[0].updated == "2026-11-28T00:00:00Z"
    assert feed.feed.id == f"{FEED_TAG}feed"
    corrected = feed.entries[1]
    assert corrected.link == f"{SITE_URL}facts/1992-04-08--relations/"
    assert (corrected.published, corrected.updated) == ("2026-11-20T00:00:00Z", "2026-11-27T00:00:00Z")
    assert corrected.summary.startswith("Corrected on 2026-11-27: Added the second source.")
    assert [tag.term for tag in corrected.tags] == ["diplomacy"]
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": f"{SITE_URL}feed.atom", "alternate": SITE_URL}


def test_a_withdrawal_is_announced_in_the_feed(site: Path) -> None:
    (withdrawn,) = [entry for entry in parse(site / "feed.atom").entries if "2023--withdrawn" in entry.id]
    assert withdrawn.title.startswith("Withdrawn: ")
    assert withdrawn.updated == "2026-11-28T00:00:00Z"
    assert withdrawn.summary.startswith("Withdrawn on 2026-11-28: Duplicate of another entry")


def test_text_with_markup_survives_the_feed_exactly(site: Path) -> None:
    root = ET.parse(site / "feed.atom").getroot()
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert '+Script </script><script>alert(1)</script> & "quotes"' in titles


def test_one_feed_per_tag_with_that_tags_facts_linked_to_the_tag_page(site: Path) -> None:
    assert [path.name for path in feeds(site)] == ["feed.atom", "feed-diplomacy.atom", "feed-education.atom"]
    education = parse(site / "feed-education.atom")
    assert [entry.id.rsplit("/", 1)[-1] for entry in education.entries] == [
        "2022-09-05--hostile-text",
        "2022-09--schools",
    ]
    assert education.feed.title.endswith("Education & schools, new and corrected facts")
    assert education.feed.id == f"{FEED_TAG}feed/education"
    links = {link.rel: link.href for link in education.feed.links}
    assert links == {"self": f"{SITE_URL}feed-education.atom", "alternate": f"{SITE_URL}tags/education/"}
    assert (site / "tags" / "education" / "index.html").is_file()
    diplomacy = parse(site / "feed-diplomacy.atom")
    assert len(diplomacy.entries) == 5  # three published claims, an event, one withdrawn


def test_every_feed_is_sound(site: Path) -> None:
    assert_sound(site)


def test_a_feed_holds_only_the_newest_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds_module, "FEED_ENTRIES", 2)
    made = {file.src_uri: feedparser.parse(file.content.encode()) for file in render_feeds(model(OUTPUTS), SITE)}
    newest = [entry.id.rsplit("/", 1)[-1] for entry in made["feed.atom"].entries]
    assert newest == ["2023--withdrawn", "1992-04-08--relations"], "the two most recent changes of the site feed"
    diplomacy = [entry.id.rsplit("/", 1)[-1] for entry in made["feed-diplomacy.atom"].entries]
    assert diplomacy == ["2023--withdrawn", "1992-04-08--relations"]
    education = [entry.id.rsplit("/", 1)[-1] for entry in made["feed-education.atom"].entries]
    assert education == ["2022-09-05--hostile-text", "2022-09--schools"]
    assert made["feed.atom"].feed.updated == made["feed.atom"].entries[0].updated


def test_every_page_links_the_site_feed_and_tag_and_fact_pages_their_tag_feeds(site: Path) -> None:
    pages = [*sorted(site.rglob("index.html")), site / "404.html"]
    assert len(pages) > 8
    for path in pages:  # each edition links its own feeds
        feed = f"{SITE_URL}ru/feed.atom" if site / "ru" in path.parents else f"{SITE_URL}feed.atom"
        assert feed in Page(path.read_text(encoding="utf-8")).feeds, path
    assert page(site, "2022-09-05--hostile-text").feeds == [
        f"{SITE_URL}feed.atom",
        f"{SITE_URL}feed-diplomacy.atom",
        f"{SITE_URL}feed-education.atom",
    ]
    for tag in ("education", "diplomacy"):
        tag_page = Page((site / "tags" / tag / "index.html").read_text(encoding="utf-8"))
        assert tag_page.feeds == [f"{SITE_URL}feed.atom", f"{SITE_URL}feed-{tag}.atom"]
    timeline = Page((site / "timeline" / "index.html").read_text(encoding="utf-8"))
    assert timeline.feeds == [f"{SITE_URL}feed.atom"]


def test_repository_feeds_have_every_published_fact_under_the_fallback_tag(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = repository_site(tmp_path_factory)
    feed = parse(built / "feed.atom")
    # No feed_tag_* in mkdocs.yml: the host of the address and the year of the first check.
    first = min(min([f.checked, *(c.date for c in f.corrections)]) for f in model(REPO))
    prefix = f"tag:facts.example.org,{first.year}:"
    assert sorted(entry.id for entry in feed.entries) == sorted(f"{prefix}facts/{f.id}" for f in published(REPO))
    assert_sound(built)  # many facts share a day: told apart by fractions


def commit(root: Path, when: str, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project in a scratch git repository: every file committed at 10:00 on
    20 November, then one fact corrected at 08:30:15 on 27 November."""
    root = make_project(tmp_path_factory.mktemp("history") / "project", OUTPUTS)
    git(root, "init", "-q")
    commit(root, "2026-11-20T10:00:00Z", "facts")
    relations = root / "facts" / "1992-04-08--relations.yml"
    relations.write_text(relations.read_text(encoding="utf-8") + "# reworded\n", encoding="utf-8")
    commit(root, "2026-11-27T08:30:15Z", "correct a fact")
    return root


def test_last_commit_times_come_from_one_log_of_the_facts_folder(history: Path, tmp_path: Path) -> None:
    (history / "facts" / "untracked.yml").write_text("not committed\n", encoding="utf-8")
    try:
        times = last_commit_times(history, "facts")
    finally:
        (history / "facts" / "untracked.yml").unlink()
    assert times is not None
    assert times["facts/1992-04-08--relations.yml"] == 1795768215  # 2026-11-27T08:30:15Z
    assert times["facts/2022-09--schools.yml"] == 1795168800  # 2026-11-20T10:00:00Z
    assert sorted(times) == sorted(f"facts/{path.name}" for path in (OUTPUTS / "facts").glob("*.yml"))
    assert last_commit_times(tmp_path, "facts") is None, "no git repository"


def test_head_commit_is_what_serve_keys_the_commit_times_on(history: Path, tmp_path: Path) -> None:
    head = head_commit(history)
    assert head is not None and len(head) == 40
    assert head_commit(history) == head, "the same HEAD while nothing is committed"
    assert head_commit(tmp_path) is None, "no git repository"


def test_entries_are_dated_by_the_commit_that_last_changed_their_file(history: Path, tmp_path: Path) -> None:
    build(history, tmp_path / "site")
    feed = parse(tmp_path / "site" / "feed.atom")
    updated = {entry.id.rsplit("/", 1)[-1]: entry.updated for entry in feed.entries}
    assert updated == {
        "1992-04-08--relations": "2026-11-27T08:30:15Z",
        # One commit, one second: told apart by milliseconds in id order.
        "1992-04--embassy-opens": "2026-11-20T10:00:00Z",
        "2021-05-01--apostrophe": "2026-11-20T10:00:00.001Z",
        "2022-09--schools": "2026-11-20T10:00:00.002Z",
        "2022-09-05--hostile-text": "2026-11-20T10:00:00.003Z",
        "2023--withdrawn": "2026-11-20T10:00:00.004Z",
    }
    assert next(iter(updated)) == "1992-04-08--relations", "the latest change first"
    assert_sound(tmp_path / "site")
    again = tmp_path / "again"
    build(history, again)
    for path in feeds(tmp_path / "site"):
        assert (again / path.name).read_bytes() == path.read_bytes(), "the same history gives the same feeds"


def test_tie_breaks_are_unique_across_the_site_and_widen_past_a_thousand() -> None:
    facts = model(OUTPUTS)
    same = {fact.path: 1795168800 for fact in facts}
    stamps = updated_stamps(facts, same)
    assert len(set(stamps.values())) == len(stamps)
    assert Stamp(1795168800, 7, 6).text == "2026-11-20T10:00:00.000007Z"
    assert Stamp(1795168800).text == "2026-11-20T10:00:00Z"
