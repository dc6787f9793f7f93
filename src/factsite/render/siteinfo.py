"""Where the site lives and who publishes it: the base of every absolute URL in the outputs.

Data files, feeds and JSON-LD are read outside the site, so their links must be
absolute. They all come from one ``site_url`` (``FACTSITE_SITE_URL`` in the build), so
that the canonical links, the feeds and the structured data always agree. The feeds'
ids do not: they are ``tag:`` URIs under the publisher's `TaggingEntity`, so that they
survive a move of the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field

from factsite import i18n
from factsite.model import Fact
from factsite.render.urls import page_url
from factsite.siteconfig import PREVIEW_SITE_URL, DataLicense, TaggingEntity

DEFAULT_SITE_URL = PREVIEW_SITE_URL
"""The local address of ``make serve``; deployments set the real one."""


def N_(message: str) -> str:
    """`message` as it is, marked for the catalogue (gettext's name): it is translated where it is shown."""
    return message


DEFAULT_SITE_NAME = N_("Russia–Tajikistan relations, fact-checked")
DEFAULT_SITE_DESCRIPTION = N_(
    "A sourced, dated timeline of Russia–Tajikistan relations, with a verdict on every claim."
)
"""As in mkdocs.yml: the text of the site's social card (in English; a `SiteInfo` made in another
edition without its own says it in that edition's language)."""


@dataclass(frozen=True)
class SiteInfo:
    """The site's address and name; the name is also the organisation that signs the checks."""

    url: str = DEFAULT_SITE_URL
    name: str = field(default_factory=lambda: i18n.gettext(DEFAULT_SITE_NAME))
    directory_urls: bool = True
    tagging: TaggingEntity | None = None
    """Who mints the feeds' ids; unset, see `tagging_entity`."""
    data_license: DataLicense | None = None
    """The data downloads' licence, once the maintainers have chosen one."""
    description: str = field(default_factory=lambda: i18n.gettext(DEFAULT_SITE_DESCRIPTION))
    prefix: str = ""
    """Where this edition lives below the site's root (``""`` or ``"ru/"``): `url` ends with it."""

    def __post_init__(self) -> None:
        if not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    def below(self, prefix: str) -> SiteInfo:
        """The edition of this site that lives at `prefix` below its root (``"ru/"``)."""
        return dataclasses.replace(self, url=self.url + prefix, prefix=prefix)

    @property
    def root_url(self) -> str:
        """The address of the whole site, every edition's root: where the data downloads live."""
        return self.url[: len(self.url) - len(self.prefix)] if self.prefix else self.url

    def page(self, src_uri: str) -> str:
        """The absolute URL of the page built from `src_uri`, as MkDocs makes its canonical link."""
        return self.url + page_url(src_uri, directory_urls=self.directory_urls)

    def file(self, path: str) -> str:
        """The absolute URL of a file published at site path `path`."""
        return self.url + path


def tagging_entity(site: SiteInfo, facts: Sequence[Fact]) -> TaggingEntity:
    """The site's own tagging entity, or, when none is configured, one made from what is known.

    That is the host of the site's address and the year of the first published check: the
    publisher held the host when the site went online there. Ids made this way change if the
    site moves, which is why a deployment sets its own (``extra.feed_tag_authority`` and
    ``extra.feed_tag_date`` in ``mkdocs.yml``).
    """
    if site.tagging is not None:
        return site.tagging
    host = urllib.parse.urlsplit(site.url).hostname or "localhost"
    first = min((first_published(fact) for fact in facts), default=None)
    return TaggingEntity(host, str(first.year) if first else "1970")


def first_published(fact: Fact) -> dt.date:
    """When the check went online: the earliest of ``checked`` and the correction dates.

    The format has no publication date, so it is derived from the data, never from the
    clock or git: a fact is published once it is checked, and can only be corrected
    after it was published.
    """
    return min([fact.checked, *(c.date for c in fact.corrections)])


def last_modified(fact: Fact) -> dt.date:
    """The latest of ``checked``, the correction dates and the withdrawal: the last time the check changed."""
    withdrawn = [fact.withdrawal.date] if fact.withdrawal else []
    return max([fact.checked, *(c.date for c in fact.corrections), *withdrawn])


def timestamp(day: dt.date) -> str:
    """A day as an RFC 3339 time stamp at midnight UTC, as Atom requires."""
    return f"{day.isoformat()}T00:00:00Z"
