"""Is a URL's host a real, public name that reads as what it is?

The schema already demands ``http(s)://`` and a host. This adds what a pattern cannot
see: a port that is a port, no IP address or local name (a public site links to public
pages), only characters a host name can hold (browsers read ``https://a.com\\.b.org``
as a.com), a valid internationalised name, and no look-alike host labels.

A look-alike label mixes scripts, such as a Cyrillic "с" among Latin letters: it reads
as a familiar address and leads elsewhere. Mixing is judged per label as in Unicode
TS #39 ("highly restrictive"): one script, or Latin with Han and Japanese kana, Hangul or
Bopomofo. Script data comes from fontTools' Unicode tables (kept current with each
Unicode release; Python's `unicodedata` has no scripts), and IDNA decoding and
validation from the `idna` package (IDNA 2008 with UTS #46 mapping; the standard
library's codec is the outdated IDNA 2003).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from urllib.parse import urlsplit

import idna
from fontTools import unicodedata as ucd

from factsite.characters import describe, is_invisible

LOCAL_SUFFIXES = ("localhost", "local", "internal", "lan", "home.arpa", "intranet")
"""Names that only resolve inside someone's own network."""

_COMMON = {"Zyyy", "Zinh", "Zzzz"}
_ALLOWED_MIXES = (
    {"Latn", "Hani", "Hira", "Kana"},
    {"Latn", "Hani", "Bopo"},
    {"Latn", "Hani", "Hang"},
)


_PLAIN_HOST = re.compile(r"https?://([a-z0-9.-]+)(?:[/?#]|\Z)")
"""The start of a URL whose host is plain lower-case ASCII with no user name or port: for
these `urlsplit` would give the same host, and skipping it halves the cost of the check."""


def url_host(url: str) -> str:
    """The host of `url`, lower-case and without a final dot; empty when there is none or it cannot be read."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def same_site(first: str, second: str) -> bool:
    """Whether two hosts are one site: equal, or equal once a leading ``www.`` is dropped."""
    return first.removeprefix("www.") == second.removeprefix("www.")


def host_problem(url: str) -> str | None:
    """What is wrong with the host of `url` (already an http(s) URL by the schema), or ``None``."""
    plain = _PLAIN_HOST.match(url)
    if plain:
        return _host_problem(plain.group(1))
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not 0-65535
    except ValueError as exc:
        return f"URL cannot be read: {exc}"
    return _host_problem(host)


@functools.lru_cache(maxsize=4096)
def _host_problem(host: str) -> str | None:
    """What is wrong with `host`; cached, since a site's sources come from a few hundred hosts."""
    if not host or any(is_invisible(char) for char in host):
        return None  # the schema or the invisible-character rule reports these
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"host {host} is an IP address; link to the site's public name"
    labels = host.removesuffix(".").split(".")
    if len(labels) < 2 or any(_is_suffix(host, suffix) for suffix in LOCAL_SUFFIXES):
        return f"host '{host}' is not a public domain name; link to the page's public address"
    odd = next((char for char in host if char.isascii() and not (char.isalnum() or char in "-_.")), None)
    if odd is not None or "" in labels:
        what = f"'{odd}'" if odd is not None else "an empty label ('..')"
        return f"host '{host}' holds {what}, which no host name has (a browser may go elsewhere); check the URL"
    for label in labels:
        problem = _label_problem(label)
        if problem:
            return problem
    return None


def _is_suffix(host: str, suffix: str) -> bool:
    host = host.removesuffix(".")
    return host == suffix or host.endswith("." + suffix)


def _label_problem(label: str) -> str | None:
    if label.startswith("xn--"):
        try:
            shown = idna.decode(label)
        except (idna.IDNAError, UnicodeError) as exc:
            return f"host label '{label}' is not a valid internationalised name ({exc})"
    elif label.isascii():
        return None
    else:
        try:
            mapped = idna.uts46_remap(label, std3_rules=True, transitional=False)
            idna.encode(mapped)
        except (idna.IDNAError, UnicodeError) as exc:
            return f"host label '{label}' is not a valid internationalised name ({exc})"
        if mapped != label:
            return f"host label '{label}' is written with look-alike characters; write it as '{mapped}'"
        shown = label
    mixed = mixed_scripts(shown)
    if mixed:
        names = " and ".join(sorted(ucd.script_name(code) for code in mixed))
        first = ucd.script(next(char for char in shown if ucd.script(char) in mixed))
        odd = next(char for char in shown if ucd.script(char) in mixed - {first})
        return (
            f"host label '{shown}' mixes {names} letters, as a look-alike address does "
            f"('{odd}' is {describe(odd)}); copy the address exactly from the site"
        )
    return None


def mixed_scripts(label: str) -> set[str]:
    """The scripts of `label` when they mix in a way no real name does, else an empty set."""
    per_char = [ucd.script_extension(char) - _COMMON for char in label]
    per_char = [scripts for scripts in per_char if scripts]
    if not per_char:
        return set()
    common = set.intersection(*per_char)
    if common:
        return set()
    used = {ucd.script(char) for char in label} - _COMMON
    if any(used <= allowed for allowed in _ALLOWED_MIXES):
        return set()
    return used
