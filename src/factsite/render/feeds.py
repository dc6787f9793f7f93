"""Atom feeds of new and corrected facts: one for the whole site and one per tag.

Each published fact is one entry whose id is its canonical URL, so the id never
changes; a correction moves the entry's ``updated`` time and puts the correction note
at the top of its summary, which feed readers show as an update. Entries are ordered
newest first by that time (see `factsite.render.siteinfo` for how it is derived).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence

from factsite.buildcache import BuildCache, reused
from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.siteinfo import SiteInfo, first_published, last_modified, timestamp

ATOM = "http://www.w3.org/2005/Atom"
# Feeds sit at the site root: Material's instant navigation fetches "sitemap.xml" next to
# every <link rel="alternate"> in the head, and only the root has one.
SITE_FEED = "feed.atom"
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
"""A feed with no entries still needs an ``updated`` time; this fixed one keeps builds identical."""


def tag_feed_path(tag_id: str) -> str:
    return f"feed-{tag_id}.atom"


def feed_order(facts: Sequence[Fact]) -> list[Fact]:
    """Published and withdrawn facts, the most recently published, corrected or withdrawn first; ties by id.

    A withdrawal is the correction subscribers most need to see, so a withdrawn fact keeps
    its entry, updated on the day it was withdrawn.
    """
    listed = sorted((f for f in facts if f.is_published or f.withdrawal), key=lambda f: f.id)
    return sorted(listed, key=last_modified, reverse=True)


def render_feeds(facts: Sequence[Fact], site: SiteInfo) -> list[GeneratedFile]:
    """The site feed, then one feed per tag that has published facts, in tag id order."""
    return list(generate_feeds(facts, site))


def generate_feeds(facts: Sequence[Fact], site: SiteInfo, cache: BuildCache | None = None) -> Iterator[GeneratedFile]:
    """`render_feeds` one feed at a time, so a caller need not hold them all.

    With a `cache` (``mkdocs serve``), a tag's feed whose entries are unchanged is last build's.
    """
    ordered = feed_order(facts)
    tags = sorted({tag.id: tag for fact in ordered for tag in fact.tags}.values(), key=lambda t: t.id)
    yield GeneratedFile(SITE_FEED, _feed(ordered, site, SITE_FEED, f"{site.name}: new and corrected facts"))
    for tag in tags:
        entries = tuple(fact for fact in ordered if tag in fact.tags)
        title = f"{site.name}: {tag.label}, new and corrected facts"
        path = tag_feed_path(tag.id)
        yield reused(cache, ("feed", path), _feed_file, entries, site, path, title)


def _feed_file(facts: Sequence[Fact], site: SiteInfo, path: str, title: str) -> GeneratedFile:
    return GeneratedFile(path, _feed(facts, site, path, title))


def _feed(facts: Sequence[Fact], site: SiteInfo, path: str, title: str) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _text(feed, "id", site.file(path))
    _text(feed, "title", title)
    _text(feed, "updated", timestamp(last_modified(facts[0])) if facts else EMPTY_FEED_UPDATED)
    _link(feed, "self", site.file(path), "application/atom+xml")
    _link(feed, "alternate", site.url, "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site.name)
    _text(author, "uri", site.url)
    for fact in facts:
        feed.append(_entry(fact, site))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(fact: Fact, site: SiteInfo) -> ET.Element:
    url = site.page(fact.src_uri)
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", url)
    _text(entry, "title", f"Withdrawn: {fact.title}" if fact.withdrawal else fact.title)
    _link(entry, "alternate", url, "text/html")
    _text(entry, "published", timestamp(first_published(fact)))
    _text(entry, "updated", timestamp(last_modified(fact)))
    for tag in fact.tags:
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": tag.id, "label": tag.label})
    _text(entry, "summary", entry_summary(fact))
    return entry


def entry_summary(fact: Fact) -> str:
    """Plain text: the withdrawal or the latest correction (if any), then a claim's verdict,
    conclusion and wording, or an event's summary."""
    parts = []
    if fact.withdrawal:
        parts.append(f"Withdrawn on {fact.withdrawal.date.isoformat()}: {fact.withdrawal.reason}")
    elif fact.corrections:
        latest = max(fact.corrections, key=lambda c: c.date)
        parts.append(f"Corrected on {latest.date.isoformat()}: {latest.note}")
    if fact.is_claim:
        assert fact.verdict is not None and fact.claimant is not None
        parts += [f"Verdict: {fact.verdict.label}. {fact.conclusion}", f"Claim ({fact.claimant.display}): {fact.claim}"]
    else:
        parts.append(f"Event: {fact.summary}")
    return "\n\n".join(parts)


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})
