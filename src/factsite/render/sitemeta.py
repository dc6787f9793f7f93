"""What the theme adds per page: the extra ``<head>`` of fact pages and the sitemap's dates.

Also ``robots.txt`` and the compressed sitemap. Sitemap dates come from the facts
(``checked``, corrections, withdrawal), never from the build time, and the gzip
header carries the same date, so a rebuild of the same facts gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from factsite.model import Fact
from factsite.render import GeneratedFile, GeneratedPage
from factsite.render.claimreview import fact_head
from factsite.render.feeds import SITE_FEED, feed_order, tag_feed_path
from factsite.render.siteinfo import SiteInfo, last_modified

ROBOTS_URI = "robots.txt"


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
    tags_with_feeds = {tag.id for fact in feed_order(facts) for tag in fact.tags}
    feeds = {tag: tag_feed_path(tag) for tag in sorted(tags_with_feeds)}
    latest = site_lastmod(facts)
    common = common_head(site)
    meta = {
        page.src_uri: PageMeta(head=common, lastmod=latest.isoformat() if latest else "")
        for page in generated
        if page.src_uri.endswith(".md")
    }
    for fact in facts:
        head = common + fact_head(fact, site, feeds)
        meta[fact.src_uri] = PageMeta(head=head, lastmod=last_modified(fact).isoformat())
    return meta


def common_head(site: SiteInfo) -> str:
    """What every page's head carries: the link to the site feed."""
    return str(
        Markup('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">\n').format(
            f"{site.name}: new and corrected facts", site.file(SITE_FEED)
        )
    )


def render_robots(site: SiteInfo) -> GeneratedFile:
    return GeneratedFile(ROBOTS_URI, f"User-agent: *\nAllow: /\n\nSitemap: {site.file('sitemap.xml')}\n")


def gzip_sitemap(xml: bytes, facts: Sequence[Fact]) -> bytes:
    """``sitemap.xml.gz`` with the latest fact date in its header (0, "unknown", without facts)."""
    latest = site_lastmod(facts)
    mtime = int(dt.datetime.combine(latest, dt.time(), dt.UTC).timestamp()) if latest else 0
    return gzip.compress(xml, compresslevel=9, mtime=mtime)
