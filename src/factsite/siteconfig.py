"""The deployment's settings, checked once: the site's public address and the feeds' tagging entity.

A wrong setting would not fail anywhere else: it would quietly put a broken address in
every canonical link, feed, sitemap and data file. So each is checked before anything
is built, and a bad one is a `ConfigurationError` that names the setting and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

SITE_URL_VARIABLE = "FACTSITE_SITE_URL"
REQUIRE_VARIABLE = "FACTSITE_REQUIRE_SITE_URL"
"""Set (to anything but ``0``) by a build that is published: a missing or local address then fails it."""
PREVIEW_SITE_URL = "http://127.0.0.1:8000/"
"""The local address of ``make serve``: the address of a build made without `SITE_URL_VARIABLE`."""


class ConfigurationError(ValueError):
    """A setting of the run itself is wrong (not a fact): adapters report it as a usage error."""


def check_site_url(url: str, setting: str = SITE_URL_VARIABLE) -> str:
    """`url` when it is a site address every output can be built on, else a `ConfigurationError`.

    That is an http(s) URL with a host, whose path ends in ``/`` (relative links resolve
    against the folder), with no user name, query or fragment (they would end up inside
    every address built on it).
    """
    example = "for example https://facts.example.org/ or https://owner.github.io/repo/"
    if url != url.strip() or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        raise ConfigurationError(f"{setting}={url!r} contains spaces or control characters; {example}")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"{setting}={url!r} is not a web address: start it with https:// (or http://) and a host name, {example}"
        )
    if "@" in parts.netloc:
        raise ConfigurationError(f"{setting}={url!r} has a user name: leave it out, {example}")
    if parts.fragment or url.endswith("#"):
        raise ConfigurationError(f"{setting}={url!r} has a fragment (#…): leave it out, {example}")
    if parts.query or url.endswith("?"):
        raise ConfigurationError(f"{setting}={url!r} has a query (?…): leave it out, {example}")
    if not parts.path.endswith("/"):
        fixed = urllib.parse.urlunsplit(parts._replace(path=parts.path + "/"))
        raise ConfigurationError(
            f"{setting}={url!r} must end in '/', the folder the site is served from: write {fixed}"
        )
    return url


def sub_path(url: str) -> str:
    """The folder under the host that the site at `url` is served from: ``/`` at the host's root."""
    return urllib.parse.urlsplit(url).path or "/"


def host_root(url: str) -> str:
    """The root of the host that serves `url`, where crawlers look for ``robots.txt``."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def is_local(url: str) -> bool:
    """Whether `url` is on this machine (a preview), not a public address."""
    host = urllib.parse.urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


# RFC 4151: authorityName = DNSname / emailAddress; DNScomp = alphaNum [*(alphaNum / "-") alphaNum]
_DNS_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
_AUTHORITY = re.compile(rf"(?:[A-Za-z0-9._-]+@)?{_DNS_NAME}")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True)
class TaggingEntity:
    """Who mints the feeds' ``tag:`` ids, and since when (RFC 4151): ``tag:AUTHORITY,DATE:…``.

    The authority is a domain name or e-mail address that the publisher held on the date.
    Ids minted under it stay the same when the site moves to another address.
    """

    authority: str
    date: str

    @classmethod
    def of(cls, authority: str, date: str, setting: str = "extra.feed_tag_authority") -> TaggingEntity:
        """The entity, checked against RFC 4151's grammar; a `ConfigurationError` names what is wrong."""
        date_setting = setting.replace("authority", "date")
        if not _AUTHORITY.fullmatch(authority):
            raise ConfigurationError(
                f"{setting}: {authority!r} is not a tag: authority (RFC 4151): give a domain name such as "
                "facts.example.org or an e-mail address such as editor@example.org, held by the publisher "
                f"on the date in {date_setting}"
            )
        match = _DATE.fullmatch(date)
        if match is None or not _calendar(*match.groups()):
            raise ConfigurationError(
                f"{date_setting}: {date!r} is not a tag: date (RFC 4151): write a day on which the publisher held "
                f"{authority}, as YYYY-MM-DD (or YYYY-MM, or YYYY for 1 January), for example 2026-12-01"
            )
        return cls(authority.lower(), date)

    def tag(self, specific: str) -> str:
        """The ``tag:`` URI of `specific` (a '/'-separated path of ids) under this entity."""
        return f"tag:{self.authority},{self.date}:{specific}"


def _calendar(year: str, month: str | None, day: str | None) -> bool:
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class DataLicense:
    """The licence the maintainers chose for the data downloads, as the data package states it.

    There is no default: only the maintainers can choose one, and until they do the data
    package names none (``extra.data_license`` in ``mkdocs.yml``).
    """

    title: str
    path: str
    """The licence text's address."""
    name: str = ""
    """Its Open Definition or SPDX id, such as ``CC-BY-4.0``, when it has one."""

    @classmethod
    def of(cls, setting: object, name: str = "extra.data_license") -> DataLicense | None:
        """The licence in a setting ``{title, path, name?}``; ``None`` for an empty one."""
        if setting in (None, "", {}):
            return None
        fields = setting if isinstance(setting, dict) else {}
        unknown = sorted(set(map(str, fields)) - {"title", "path", "name"})
        title, path, spdx = (fields.get(key, "") for key in ("title", "path", "name"))
        if not fields or unknown or not all(isinstance(v, str) for v in (title, path, spdx)) or not title:
            raise ConfigurationError(
                f"{name}: give the licence as title: (its name in words), path: (the address of its text) "
                "and optionally name: (its SPDX id), for example title: Creative Commons Attribution 4.0, "
                "path: https://creativecommons.org/licenses/by/4.0/, name: CC-BY-4.0"
            )
        parts = urllib.parse.urlsplit(path)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigurationError(f"{name}.path: {path!r} is not the http(s) address of the licence text")
        if spdx and not re.fullmatch(r"[A-Za-z0-9.+-]+", spdx):
            raise ConfigurationError(f"{name}.name: {spdx!r} is not a licence id such as CC-BY-4.0 or ODC-By-1.0")
        return cls(title, path, spdx)

    def descriptor(self) -> dict[str, str]:
        """The licence as a Data Package ``licenses`` item."""
        found = {"name": self.name, "path": self.path, "title": self.title}
        return {key: value for key, value in found.items() if value}


def tagging_from_settings(authority: object, date: object) -> TaggingEntity | None:
    """The tagging entity set by ``extra.feed_tag_authority`` and ``extra.feed_tag_date``; ``None`` when neither is."""
    if authority in (None, "") and date in (None, ""):
        return None
    if authority in (None, "") or date in (None, ""):
        missing = "extra.feed_tag_date" if authority not in (None, "") else "extra.feed_tag_authority"
        raise ConfigurationError(f"{missing}: set it too: a feed tag needs both an authority and a date (RFC 4151)")
    return TaggingEntity.of(str(authority), str(date))


def require_public(url: str, from_environment: bool) -> None:
    """Refuse, with a `ConfigurationError`, a site for publishing that has no public address."""
    if not from_environment:
        raise ConfigurationError(
            f"{SITE_URL_VARIABLE} is not set, and {REQUIRE_VARIABLE} says this build is for publishing: set it "
            "to the site's public address, ending in /, for example https://owner.github.io/repo/"
        )
    if is_local(url):
        raise ConfigurationError(
            f"{SITE_URL_VARIABLE}={url!r} is an address on this machine, and {REQUIRE_VARIABLE} says this build "
            "is for publishing: set it to the site's public address"
        )


def site_url_advice(url: str, from_environment: bool) -> list[str]:
    """What a build at `url` should tell whoever deploys it: nothing is wrong with the site itself.

    Without `SITE_URL_VARIABLE` every absolute address is the local preview's; under a
    sub-path, crawlers never read the site's own ``robots.txt``.
    """
    advice = []
    if not from_environment and is_local(url):
        advice.append(
            f"{SITE_URL_VARIABLE} is not set, so every absolute address (canonical links, feeds, sitemap, "
            f"robots.txt, JSON-LD, data files, schema ids) points at the local preview {url}. Set "
            f"{SITE_URL_VARIABLE} to the site's public address, ending in /, to build a site for publishing."
        )
    if sub_path(url) != "/":
        advice.append(
            f"The site is served from {sub_path(url)} under {host_root(url)}, but crawlers read robots.txt only at "
            f"{host_root(url)}robots.txt, so the site's own robots.txt and its Sitemap line go unread. Put a "
            f"robots.txt naming {url}sitemap.xml at the host's root, or give that sitemap to search engines "
            "yourself (README, Deploying)."
        )
    return advice


@dataclass(frozen=True)
class PublisherSettings:
    """What ``extra`` in ``mkdocs.yml`` says of the publisher, checked: the feed tagging entity, the data licence."""

    tagging: TaggingEntity | None = None
    data_license: DataLicense | None = None

    @classmethod
    def of(cls, extra: Mapping[str, object]) -> PublisherSettings:
        """The settings in `extra` (MkDocs' ``config.extra``), or a `ConfigurationError`."""
        tagging = tagging_from_settings(extra.get("feed_tag_authority"), extra.get("feed_tag_date"))
        return cls(tagging, DataLicense.of(extra.get("data_license")))

    @classmethod
    def read(cls, config_file: Path) -> PublisherSettings:
        """The settings of a ``mkdocs.yml``, for tools that build without MkDocs (the Markdown export).

        MkDocs' own tags (``!ENV``, ``!relative``) are read as empty: these settings are plain values.
        """
        if not config_file.is_file():
            return cls()
        try:
            config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
        except yaml.YAMLError as exc:
            raise ConfigurationError(f"{config_file}: cannot be read as YAML: {exc}") from None
        extra = config.get("extra") if isinstance(config, dict) else None
        return cls.of(extra if isinstance(extra, dict) else {})


class _ConfigLoader(yaml.SafeLoader):
    """The safe loader, reading any other tag as empty."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
