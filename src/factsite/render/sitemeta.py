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
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
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
_READ_CHARS = 1 << 20
"""Characters of a written sitemap read at a time when it is split."""


def write_sitemap(
    pieces: Iterable[str], folder: Path, base_url: str, facts: Sequence[Fact], limit: int = SITEMAP_LIMIT
) -> list[str]:
    """Write ``sitemap.xml`` into `folder` from the theme's text as it comes, then split and compress it.

    `pieces` is the rendered template a piece at a time (Jinja's ``generate``): at 100,000
    entries in two editions each edition's sitemap is tens of MB, and rendered whole it
    was held three times over (the pieces, the text, its bytes) at the build's peak. The
    file gets exactly the rendered text. A sitemap of more than `limit` addresses becomes
    an index of parts (`split_sitemap`), read back from the file; ``sitemap.xml.gz`` is
    the final ``sitemap.xml``, compressed as it is read (`gzip_sitemap`). Returns the names
    of the files written.
    """
    sitemap = folder / "sitemap.xml"
    count, carry = 0, ""
    with sitemap.open("w", encoding="utf-8", newline="") as out:
        for piece in pieces:
            out.write(piece)
            seen = carry + piece  # an opening tag cut between two pieces is counted once, whole
            count += seen.count("<url>")
            carry = seen[-4:]
    names = ["sitemap.xml"]
    if count > limit:
        names = [*split_sitemap(sitemap, base_url, limit), "sitemap.xml"]
    gzip_sitemap(sitemap, facts)
    return [*names, "sitemap.xml.gz"]


def split_sitemap(sitemap: Path, base_url: str, limit: int = SITEMAP_LIMIT) -> Iterator[str]:
    """Split the written `sitemap` into parts of `limit` addresses, then make it their index; yields each part's name.

    The parts are ``sitemap-1.xml``, ``sitemap-2.xml``, ... beside it (at `base_url`), each
    the same ``urlset`` with `limit` addresses at most, in order; the index dates each part
    by its latest ``lastmod``. Material's instant navigation reads ``sitemap.xml`` to tell
    its own pages from others': with an index it finds none and links load as plain links.
    Addresses go from the sitemap to their part one at a time: none is held beyond its own.
    """
    tail = _tail(sitemap)
    index = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    with sitemap.open(encoding="utf-8", newline="") as text:
        pieces = _addresses(iter(partial(text.read, _READ_CHARS), ""))
        head = next(pieces)
        for number, part in enumerate(_batched(pieces, limit), 1):
            name = f"sitemap-{number}.xml"
            with (sitemap.parent / name).open("w", encoding="utf-8", newline="") as out:
                out.write(head)
                latest = ""
                for url in part:
                    out.write(url)
                    latest = max([latest, *_LASTMOD.findall(url)])
                out.write(tail)
            lastmod = f"<lastmod>{latest}</lastmod>" if latest else ""
            index.append(f"    <sitemap><loc>{xml_escape(base_url + name)}</loc>{lastmod}</sitemap>")
            yield name
    index.append("</sitemapindex>\n")
    sitemap.write_text("\n".join(index), encoding="utf-8")


def _batched(items: Iterator[str], size: int) -> Iterator[Iterator[str]]:
    """`items` in runs of `size`, each run taken one item at a time (each must be used up before the next)."""
    for first in items:
        yield itertools.chain([first], itertools.islice(items, size - 1))


def _tail(sitemap: Path) -> str:
    """The sitemap's text from its closing ``</urlset>`` on, read from its end."""
    with sitemap.open("rb") as data:
        data.seek(max(0, data.seek(0, 2) - 4096))
        end = data.read().decode("utf-8", errors="ignore")
    return end[end.rindex("</urlset>") :]


def _addresses(chunks: Iterable[str]) -> Iterator[str]:
    """The text before the first ``<url>`` element, then each element (`_URL`), from text read a chunk at a time.

    What lies between two elements, or after the last, is left out: the parts carry their
    own head and tail. A match at the very end of what has been read waits for the next
    chunk, which may finish it (its closing newline, say).
    """
    buffer = ""
    opened = False
    for chunk in itertools.chain(chunks, [None]):
        last = chunk is None
        buffer += chunk or ""
        taken = 0
        for match in _URL.finditer(buffer):
            if not last and match.end() >= len(buffer):
                break
            if not opened:
                yield buffer[: match.start()]
                opened = True
            yield match.group(0)
            taken = match.end()
        buffer = buffer[taken:]
    if not opened:
        yield buffer


def gzip_sitemap(sitemap: Path, facts: Sequence[Fact]) -> None:
    """``sitemap.xml.gz`` beside `sitemap`, with the latest fact date in its header (0, "unknown", without facts).

    Compressed as it is read, in the same bytes as ``gzip.compress`` of the whole at level 9."""
    latest = site_lastmod(facts)
    mtime = int(dt.datetime.combine(latest, dt.time(), dt.UTC).timestamp()) if latest else 0
    with (
        sitemap.open("rb") as source,
        sitemap.with_name(sitemap.name + ".gz").open("wb") as target,
        gzip.GzipFile(filename="", mode="wb", fileobj=target, compresslevel=9, mtime=mtime) as packed,
    ):
        shutil.copyfileobj(source, packed, _READ_CHARS)
