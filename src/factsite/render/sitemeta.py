"""What the theme adds per page: the extra ``<head>`` of fact pages and the sitemap's dates.

Also ``robots.txt`` and the compressed sitemap. Sitemap dates come from the facts
(``checked``, corrections, withdrawal), never from the build time, and the gzip
header carries the same date, so a rebuild of the same facts gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from factsite import i18n
from factsite.buildcache import BuildCache
from factsite.model import Fact
from factsite.render import GeneratedFile, GeneratedPage
from factsite.render.claimreview import fact_head
from factsite.render.feeds import SITE_FEED, listed, site_feed_title, tag_feed_link, tag_feed_path
from factsite.render.indexes import term_page_uri
from factsite.render.siteinfo import SiteInfo, last_modified

ROBOTS_URI = "robots.txt"
SITEMAP_LIMIT = 50_000
"""Addresses a sitemap may list (the sitemaps protocol); a larger site's ``sitemap.xml`` becomes an index."""


@dataclass(frozen=True)
class PageMeta:
    """Per-page values the theme templates read (as ``page.meta`` keys)."""

    head: str = ""
    """Ready-escaped HTML for ``<head>``."""
    lastmod: str = ""
    """The sitemap's ``lastmod`` (YYYY-MM-DD); empty leaves it out."""

    def as_meta(self) -> dict[str, str]:
        return {"factsite_head": self.head, "factsite_lastmod": self.lastmod}


def site_lastmod(facts: Sequence[Fact]) -> dt.date | None:
    """The last day any fact changed, which is when every listing last changed."""
    return max((last_modified(fact) for fact in facts), default=None)


def page_meta(
    facts: Sequence[Fact], generated: Sequence[GeneratedFile | GeneratedPage], site: SiteInfo
) -> dict[str, PageMeta]:
    """Meta for every generated page: fact pages get their own head and date, others the site's.

    Hand-written pages get none (the theme falls back to `common_head`): their dates are
    in git, which the build does not read.
    """
    of = PageMetas(facts, site)
    meta = {page.src_uri: of.page(page.src_uri) for page in generated if page.src_uri.endswith(".md")}
    meta.update((fact.src_uri, of.page(fact.src_uri)) for fact in facts)
    return meta


class PageMetas:
    """The `PageMeta` of one generated page at a time (see `page_meta`).

    A fact's head is made when asked for, so a build can hold it only while the page is written;
    with a `cache` (``mkdocs serve``), the head of a fact whose inputs are unchanged is last build's.
    """

    def __init__(self, facts: Sequence[Fact], site: SiteInfo, cache: BuildCache | None = None) -> None:
        self._cache = cache
        self._site = site
        self._facts = {fact.src_uri: fact for fact in facts}
        tags = {tag.id: tag for fact in listed(facts) for tag in fact.tags}
        self._feeds = {tag: tag_feed_path(tag) for tag in sorted(tags)}
        latest = site_lastmod(facts)
        self._common = PageMeta(head=common_head(site), lastmod=latest.isoformat() if latest else "")
        self._tag_pages = {
            term_page_uri("tags", tag.id): PageMeta(
                head=f"{self._common.head}{tag_feed_link(tag, site)}\n", lastmod=self._common.lastmod
            )
            for tag in tags.values()
        }

    def replace(self, fact: Fact) -> None:
        """Make the head of `fact`'s page from this version of it (``serve``'s preview of a saved entry)."""
        self._facts[fact.src_uri] = fact

    def dated(self, page: GeneratedPage) -> dict[str, object]:
        """`page`'s own meta and sitemap date: what MkDocs holds of a generated page (the head comes when written)."""
        return {**page.meta, "factsite_lastmod": self.lastmod(page.src_uri)}

    def lastmod(self, src_uri: str) -> str:
        """The sitemap date of generated page `src_uri`, without making its head."""
        fact = self._facts.get(src_uri)
        return self._common.lastmod if fact is None else last_modified(fact).isoformat()

    def page(self, src_uri: str) -> PageMeta:
        """The meta of generated page `src_uri`: its fact's head and date, a tag page's feed, or the site's."""
        fact = self._facts.get(src_uri)
        if fact is None:
            return self._tag_pages.get(src_uri, self._common)
        if self._cache is None:
            head = fact_head(fact, self._site, self._feeds)
        else:
            make = partial(fact_head, fact, self._site, self._feeds)
            key = ("fact head", i18n.active().code, src_uri)
            head = self._cache.reuse(key, make, fact, self._site, self._feeds)
        head = self._common.head + head
        return PageMeta(head=head, lastmod=self.lastmod(src_uri))


def common_head(site: SiteInfo) -> str:
    """What every page's head carries: the link to the site feed."""
    return str(
        Markup('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">\n').format(
            site_feed_title(site), site.file(SITE_FEED)
        )
    )


def render_robots(site: SiteInfo) -> GeneratedFile:
    return GeneratedFile(ROBOTS_URI, f"User-agent: *\nAllow: /\n\nSitemap: {site.file('sitemap.xml')}\n")


_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.DOTALL)
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def split_sitemap(xml: str, base_url: str, limit: int = SITEMAP_LIMIT) -> Iterator[tuple[str, str]]:
    """A sitemap of more than `limit` addresses as its parts, then the index, by file name; nothing when it fits.

    The parts are ``sitemap-1.xml``, ``sitemap-2.xml``, ... beside it (at `base_url`), each
    the same ``urlset`` with `limit` addresses at most, in order; the index dates each part
    by its latest ``lastmod``. Material's instant navigation reads ``sitemap.xml`` to tell
    its own pages from others': with an index it finds none and links load as plain links.
    Each part is made when the one before has been taken: at 100,000 entries in two
    editions the sitemap is tens of MB, and a list of every address would double it.
    """
    found = _URL.finditer(xml)  # one pass: the first part's addresses tell whether it fits
    opening = list(itertools.islice(found, limit + 1))
    if len(opening) <= limit:
        return
    head, tail = xml[: opening[0].start()], xml[xml.rindex("</urlset>") :]
    index = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    urls = (url.group(0) for url in itertools.chain(opening, found))
    for number in itertools.count(1):
        part = list(itertools.islice(urls, limit))
        if not part:
            break
        name = f"sitemap-{number}.xml"
        dates = [found for url in part for found in _LASTMOD.findall(url) if found]
        lastmod = f"<lastmod>{max(dates)}</lastmod>" if dates else ""
        index.append(f"    <sitemap><loc>{xml_escape(base_url + name)}</loc>{lastmod}</sitemap>")
        yield name, head + "".join(part) + tail
    index.append("</sitemapindex>\n")
    yield "sitemap.xml", "\n".join(index)


def gzip_sitemap(xml: bytes, facts: Sequence[Fact]) -> bytes:
    """``sitemap.xml.gz`` with the latest fact date in its header (0, "unknown", without facts)."""
    latest = site_lastmod(facts)
    mtime = int(dt.datetime.combine(latest, dt.time(), dt.UTC).timestamp()) if latest else 0
    return gzip.compress(xml, compresslevel=9, mtime=mtime)
