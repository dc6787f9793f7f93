"""Fact pages filled into a theme shell are the pages the theme itself renders, byte for byte."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build
from hostile import add_hostile_fact
from markupsafe import escape

from factsite.mkdocsadapter.shell import OFF_VARIABLE, Shell, _probe_value


def test_a_shell_puts_each_value_where_the_theme_did_escaped_where_it_escaped() -> None:
    probes = {"title": _probe_value("title", "x"), "content": _probe_value("content", "<p>x</p>")}
    rendered = f'<title>{probes["title"]}</title><meta content="{escape(probes["title"])}"><main>{probes["content"]}'
    shell = Shell.cut(rendered, probes)
    assert shell is not None
    filled = shell.fill({"title": 'A & "B" <i>', "content": "<p>C</p>"})
    assert filled == '<title>A & "B" <i></title><meta content="A &amp; &#34;B&#34; &lt;i&gt;"><main><p>C</p>'


def test_a_value_the_theme_transforms_otherwise_gets_no_shell() -> None:
    probe = _probe_value("title", "x")
    stripped = probe.replace("<", "").replace(">", "")  # as striptags would leave it
    assert Shell.cut(f"<title>{stripped}</title>", {"title": probe}) is None
    assert Shell.cut("<title>x9Qf7shellnosuchx9Qf7shell</title>", {"title": probe}) is None


def test_the_branch_a_value_takes_is_carried_by_its_marker() -> None:
    assert "<h1" in _probe_value("content", "<h1 id=x>T</h1>")
    assert "<h1" not in _probe_value("content", "<p>no heading</p>")
    assert _probe_value("description", "") == "", "an empty value stays empty: the theme tests it"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shell")
    for name in ("facts", "vocab", "docs", "hooks", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    add_hostile_fact(root)  # titles, quotes and links written to break out of their places
    return root


def _differences(left: Path, right: Path) -> list[str]:
    found = []
    compared = filecmp.dircmp(left, right)
    found += [f"{left}: only in one: {name}" for name in compared.left_only + compared.right_only]
    found += [str(left / name) for name in compared.diff_files]
    for name in compared.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_the_site_is_the_same_with_shells_and_without(project: Path) -> None:
    shelled, plain = project / "shelled", project / "plain"
    for site, env in ((shelled, {}), (plain, {OFF_VARIABLE: "1"})):
        result = mkdocs_build(project, site, "--verbose", FACTSITE_SITE_URL="https://example.org/a&b/", **env)
        assert result.returncode == 0, result.stdout + result.stderr
        if not env:
            assert "filled from" in result.stderr and ", 0 rendered by the theme" in result.stderr, result.stderr
    assert _differences(shelled, plain) == []
