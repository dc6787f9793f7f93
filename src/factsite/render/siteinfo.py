"""Where the site lives and who publishes it: the base of every absolute URL in the outputs.

Data files, feeds and JSON-LD are read outside the site, so their links must be
absolute. They all come from one ``site_url`` (``FACTSITE_SITE_URL`` in the build), so
that the canonical links, the feeds and the structured data always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from factsite.model import Fact
from factsite.render.urls import page_url

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
"""The local address of ``make serve``; deployments set the real one."""
DEFAULT_SITE_NAME = "Russia–Tajikistan relations, fact-checked"
DEFAULT_SITE_DESCRIPTION = "A sourced, dated timeline of Russia–Tajikistan relations, with a verdict on every claim."
"""As in mkdocs.yml: the text of the site's social card."""


@dataclass(frozen=True)
class SiteInfo:
    """The site's address and name; the name is also the organisation that signs the checks."""

    url: str = DEFAULT_SITE_URL
    name: str = DEFAULT_SITE_NAME
    directory_urls: bool = True
    description: str = DEFAULT_SITE_DESCRIPTION

    def __post_init__(self) -> None:
        if not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    def page(self, src_uri: str) -> str:
        """The absolute URL of the page built from `src_uri`, as MkDocs makes its canonical link."""
        return self.url + page_url(src_uri, directory_urls=self.directory_urls)

    def file(self, path: str) -> str:
        """The absolute URL of a file published at site path `path`."""
        return self.url + path


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
