"""The site builds unchanged with ProperDocs, the maintained fork of MkDocs 1.6.

MkDocs 1.6 gets no more releases and Material ends in May 2027; ProperDocs keeps the
same hook API (it aliases ``mkdocs.*`` imports to ``properdocs.*`` once its own command
starts), so the move is a change of command. This test builds the repository, with the
same mkdocs.yml and hooks, both ways and compares every output file. Both packages live in
one virtual environment: ProperDocs installs the alias only when its own command runs, so
``mkdocs build`` is untouched (the rest of the suite runs with both installed).
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one expected difference: each tool names itself (and Material) in this tag."""


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    with_mkdocs = mkdocs_build(REPO, tmp_path / "mkdocs")
    assert with_mkdocs.returncode == 0, with_mkdocs.stderr
    with_properdocs = mkdocs_build(REPO, tmp_path / "properdocs", generator="properdocs")
    assert with_properdocs.returncode == 0, with_properdocs.stderr
    assert "Documentation built" in with_properdocs.stderr

    ours, theirs = _files(tmp_path / "mkdocs"), _files(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    tagged = {name for name, content in ours.items() if GENERATOR.search(content)}
    assert tagged == {name for name in ours if name.endswith(".html")}  # every page, and only pages
    assert re.search(
        rb'<meta name="generator" content="mkdocs-ProperDocs 1\.6\.\d+, mkdocs-material-', theirs["index.html"]
    )
    assert re.search(rb'<meta name="generator" content="mkdocs-1\.6\.\d+, mkdocs-material-', ours["index.html"])
    differ = sorted(name for name in ours if GENERATOR.sub(b"", ours[name]) != GENERATOR.sub(b"", theirs[name]))
    assert differ == [], f"outputs differ beyond the generator tag: {differ[:10]}"
