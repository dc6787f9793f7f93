"""Atom feeds of new and corrected facts: one for the whole site and one per tag.

A feed holds the `FEED_ENTRIES` most recently changed facts, as a news site's feed holds
its latest stories: a reader polls it every hour or so, and at 100,000 entries a feed of
every fact was 94 MB. The whole archive is in the data downloads.

Each listed fact is one entry. Its id is a ``tag:`` URI (RFC 4151) under the
publisher's tagging entity, so it never changes, not even when the site moves to
another address. Its ``updated`` time is when its file last changed in git
(`updated_stamps`), so a correction moves the entry up; the correction note then heads
its summary, which feed readers show as an update. Entries are ordered newest first.
"""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup, escape

from factsite import i18n
from factsite.buildcache import BuildCache, reused
from factsite.i18n import _
from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.indexes import term_page_uri
from factsite.render.siteinfo import SiteInfo, first_published, last_modified, tagging_entity, timestamp
from factsite.siteconfig import TaggingEntity
from factsite.vocab import Term

ATOM = "http://www.w3.org/2005/Atom"
# Feeds sit at the site root: Material's instant navigation fetches "sitemap.xml" next to
# every <link rel="alternate"> in the head, and only the root has one.
SITE_FEED = "feed.atom"
FEED_ENTRIES = 50
"""Entries in each feed, the newest: weeks of a busy fact-checker's work."""
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
"""A feed with no entries still needs an ``updated`` time; this fixed one keeps builds identical."""


def tag_feed_path(tag_id: str) -> str:
    return f"feed-{tag_id}.atom"


def site_feed_id(entity: TaggingEntity) -> str:
    return entity.tag("feed")


def tag_feed_id(entity: TaggingEntity, tag_id: str) -> str:
    return entity.tag(f"feed/{tag_id}")


def entry_id(entity: TaggingEntity, fact_id: str) -> str:
    return entity.tag(f"facts/{fact_id}")


@dataclass(frozen=True, order=True)
class Stamp:
    """An entry's ``updated`` instant: whole seconds since the epoch, plus a tie-breaking fraction.

    The fraction is `tick` units of ten to the minus `digits` seconds; it is zero except
    where entries changed in the same second (see `updated_stamps`).
    """

    seconds: int
    tick: int = 0
    digits: int = 0

    @property
    def text(self) -> str:
        """RFC 3339 in UTC, as Atom requires: ``2026-11-28T10:15:00Z``, ``…00.001Z`` with a fraction."""
        day = dt.datetime.fromtimestamp(self.seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
        return f"{day}.{self.tick:0{self.digits}d}Z" if self.tick else f"{day}Z"


def site_feed_title(site: SiteInfo) -> str:
    """The site feed's title, also the name of the link to it in every page's head."""
    return _("%(site)s: new and corrected facts") % {"site": site.name}


def tag_feed_link(tag: Term, site: SiteInfo) -> Markup:
    """The ``<link>`` that advertises a tag's feed, in the head of the tag's page and of its facts' pages."""
    title = escape(_("%(tag)s: new and corrected facts") % {"tag": tag.label})
    href = escape(site.file(tag_feed_path(tag.id)))
    return Markup(f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">')


def listed(facts: Sequence[Fact]) -> list[Fact]:
    """The facts that have an entry, by id: published and withdrawn ones.

    A withdrawal is the correction subscribers most need to see, so a withdrawn fact keeps
    its entry, updated when it was withdrawn.
    """
    return sorted((f for f in facts if f.is_published or f.withdrawal), key=lambda f: f.id)


def updated_stamps(facts: Sequence[Fact], commits: Mapping[str, int] | None) -> dict[str, Stamp]:
    """When each listed fact last changed, by id: unique across the site, so in every feed.

    The time is the committer time of the last commit that changed the fact's file
    (`commits`, by path: see `factsite.gitbase.last_commit_times`). Without git, or for a
    file not yet committed, it is midnight UTC of the fact's `last_modified` day.

    One commit often changes several files, and Atom readers tell entries apart by time,
    so entries of the same second are told apart by a fraction added in id order: none
    for the first, then 0.001 s, 0.002 s… (microseconds past 1,000 entries, nanoseconds
    past a million). Git stores whole seconds and the real commit took place within the
    second, so the stamp stays inside it. The result depends only on the facts and the
    history.
    """
    seconds: dict[str, int] = {}
    for fact in listed(facts):
        committed = commits.get(fact.path) if commits else None
        midnight = dt.datetime.combine(last_modified(fact), dt.time(), dt.UTC)
        seconds[fact.id] = committed if committed is not None else int(midnight.timestamp())
    stamps: dict[str, Stamp] = {}
    by_second = sorted(seconds, key=lambda fact_id: (seconds[fact_id], fact_id))
    for second, same in groupby(by_second, key=seconds.__getitem__):
        ids = list(same)
        digits = 3 if len(ids) <= 1000 else 6 if len(ids) <= 1_000_000 else 9
        stamps.update((fact_id, Stamp(second, tick, digits)) for tick, fact_id in enumerate(ids))
    return stamps


def feed_order(facts: Sequence[Fact], stamps: Mapping[str, Stamp]) -> list[Fact]:
    """The listed facts, the most recently changed first."""
    return sorted(listed(facts), key=lambda f: stamps[f.id], reverse=True)


def render_feeds(
    facts: Sequence[Fact], site: SiteInfo, commits: Mapping[str, int] | None = None
) -> list[GeneratedFile]:
    """The site feed, then one feed per tag that has listed facts, in tag id order."""
    return list(generate_feeds(facts, site, commits))


def generate_feeds(
    facts: Sequence[Fact], site: SiteInfo, commits: Mapping[str, int] | None = None, cache: BuildCache | None = None
) -> Iterator[GeneratedFile]:
    """`render_feeds` one feed at a time, so a caller need not hold them all.

    With a `cache` (``mkdocs serve``), a tag's feed whose entries are unchanged is last build's.
    """
    stamps = updated_stamps(facts, commits)
    entity = tagging_entity(site, facts)
    entries = tuple((fact, stamps[fact.id]) for fact in feed_order(facts, stamps))
    pages = {tag.id for fact in facts if fact.is_published for tag in fact.tags}
    channel = Channel(SITE_FEED, site_feed_id(entity), site.url, site_feed_title(site))
    yield _feed_file(entries[:FEED_ENTRIES], site, entity, channel)
    tags = sorted({tag.id: tag for fact, _ in entries for tag in fact.tags}.values(), key=lambda t: t.id)
    for tag in tags:
        tag_feed = tag_channel(tag, site, entity, has_page=tag.id in pages)
        tagged = tuple(itertools.islice(((fact, stamp) for fact, stamp in entries if tag in fact.tags), FEED_ENTRIES))
        yield reused(cache, ("feed", i18n.active().code, tag_feed.path), _feed_file, tagged, site, entity, tag_feed)


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself: its file, id, the page it is the feed of, its title."""

    path: str
    id: str
    page: str
    title: str


def tag_channel(tag: Term, site: SiteInfo, entity: TaggingEntity, *, has_page: bool) -> Channel:
    """A tag's feed, the feed of the tag's page (of the home page for a tag whose facts are all withdrawn)."""
    page = site.page(term_page_uri("tags", tag.id)) if has_page else site.url
    title = _("%(site)s: %(tag)s, new and corrected facts") % {"site": site.name, "tag": tag.label}
    return Channel(tag_feed_path(tag.id), tag_feed_id(entity, tag.id), page, title)


def _feed_file(
    entries: Sequence[tuple[Fact, Stamp]], site: SiteInfo, entity: TaggingEntity, channel: Channel
) -> GeneratedFile:
    """The feed of `channel` with `entries` (at most `FEED_ENTRIES`: one tree, serialized whole)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": i18n.active().code})
    _text(feed, "id", channel.id)
    _text(feed, "title", channel.title)
    _text(feed, "updated", entries[0][1].text if entries else EMPTY_FEED_UPDATED)
    _link(feed, "self", site.file(channel.path), "application/atom+xml")
    _link(feed, "alternate", channel.page, "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site.name)
    _text(author, "uri", site.url)
    feed.extend(_entry(fact, stamp, site, entity) for fact, stamp in entries)
    ET.indent(feed)
    return GeneratedFile(
        channel.path, '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
    )


def _entry(fact: Fact, stamp: Stamp, site: SiteInfo, entity: TaggingEntity) -> ET.Element:
    url = site.page(fact.src_uri)
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", entry_id(entity, fact.id))
    _text(entry, "title", _("Withdrawn: %(title)s") % {"title": fact.title} if fact.withdrawal else fact.title)
    _link(entry, "alternate", url, "text/html")
    _text(entry, "published", timestamp(first_published(fact)))
    _text(entry, "updated", stamp.text)
    for tag in fact.tags:
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": tag.id, "label": tag.label})
    _text(entry, "summary", entry_summary(fact))
    return entry


def entry_summary(fact: Fact) -> str:
    """Plain text: the withdrawal or the latest correction (if any), then a claim's verdict,
    conclusion and wording, or an event's summary, in the edition's language (the reason for a
    withdrawal and correction notes are written in English only)."""
    parts = []
    if fact.withdrawal:
        day = fact.withdrawal.date.isoformat()
        parts.append(_("Withdrawn on %(date)s: %(reason)s") % {"date": day, "reason": fact.withdrawal.reason})
    elif fact.corrections:
        latest = max(fact.corrections, key=lambda c: c.date)
        parts.append(_("Corrected on %(date)s: %(note)s") % {"date": latest.date.isoformat(), "note": latest.note})
    if fact.is_claim:
        assert fact.verdict is not None and fact.claimant is not None
        verdict = _("Verdict: %(verdict)s.") % {"verdict": fact.verdict.label}
        claim = _("Claim (%(claimant)s): %(claim)s") % {"claimant": fact.claimant.display, "claim": fact.claim}
        parts += [f"{verdict} {fact.conclusion}", claim]
    else:
        parts.append(_("Event: %(summary)s") % {"summary": fact.summary})
    return "\n\n".join(parts)


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})
