"""Renderers: turn the model into site pages and files, without knowing about MkDocs.

Each renderer returns `GeneratedFile`s (a site-relative ``src_uri`` and its content);
the MkDocs hook hands them to MkDocs, and ``factsite render`` writes them to a folder,
so a later move to another generator is a pre-build step, not a rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str
    """Path inside the docs tree, '/'-separated, e.g. ``facts/1992-04-08--x.md``."""
    content: str
