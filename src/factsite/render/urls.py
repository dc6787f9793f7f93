"""Site URLs for generated pages, computed the way MkDocs computes them.

Generated HTML carries plain ``<a href>`` links, which MkDocs does not rewrite, so the
relative URL from one page to another is worked out here.
"""

from __future__ import annotations

import functools
import posixpath


@functools.lru_cache(maxsize=1 << 17)  # asked hundreds of thousands of times a build, of far fewer pages
def page_url(src_uri: str, *, directory_urls: bool = True) -> str:
    """The site-relative URL of the page built from `src_uri` (``facts/x.md`` -> ``facts/x/``)."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return f"{parent}/" if parent else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(from_src_uri: str, to: str, *, directory_urls: bool = True) -> str:
    """A link from the page of `from_src_uri` to `to` (a ``.md`` src_uri or a site file path)."""
    target = page_url(to, directory_urls=directory_urls) if to.endswith(".md") else to
    here = page_url(from_src_uri, directory_urls=directory_urls)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = _relpath(target or ".", folder or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel.rstrip("/") + "/"
    return rel


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for two site-relative paths, without asking for the working directory."""
    to = [part for part in _normal(path).split("/") if part and part != "."]
    here = [part for part in _normal(start).split("/") if part and part != "."]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def _normal(path: str) -> str:
    return posixpath.normpath(path) if ".." in path else path
