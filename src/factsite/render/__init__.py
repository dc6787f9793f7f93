"""Renderers: turn the model into site pages and files, without knowing about MkDocs.

Each renderer returns `GeneratedFile`s (a site-relative ``src_uri`` and its content);
the MkDocs hook hands them to MkDocs; any other generator could take the same list
as plain files, so a later move away from MkDocs is a pre-build step, not a rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str
    """Path inside the docs tree, '/'-separated, e.g. ``facts/1992-04-08--x.md``."""
    content: str
