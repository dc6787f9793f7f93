"""The MkDocs adapter: MkDocs' events and objects on one side, the core's calls on the other.

The only part of the package that imports MkDocs (``tests/test_architecture.py``). The
hook file (``hooks/facts.py``) only hands MkDocs the events of one `FactsHook`
(`hook.py`); the files MkDocs writes are in `files.py`, the pages it renders without
Markdown in `pages.py`, the theme's render-once helpers in `theme.py`, the banner
that ``mkdocs serve`` shows while an entry is broken in `serving.py`; ``hooks/staging.py``
hands on the events of `staging.StagingHook`, which swaps a build in only on success.
"""
