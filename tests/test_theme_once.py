"""Theme parts that the hook renders once for many pages match what the theme renders for each."""

from __future__ import annotations

from pathlib import Path

from sitebuild import OUTPUTS, build, make_project


def _pages(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def test_sidebars_rendered_once_are_the_themes_own(tmp_path: Path) -> None:
    # The fixture's facts have different tables of contents (with and without analysis or related facts).
    project = make_project(tmp_path / "project", OUTPUTS)
    build(project, tmp_path / "once")
    main = project / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    start = text.index("{% block site_nav %}")
    end = text.index("{% endblock %}", start) + len("{% endblock %}")
    main.write_text(text[:start] + text[end:], encoding="utf-8")
    build(project, tmp_path / "theme")
    once, theme = _pages(tmp_path / "once"), _pages(tmp_path / "theme")
    assert once.keys() == theme.keys()
    assert "facts" in {Path(name).parts[0] for name in once}
    for name, html in theme.items():
        assert once[name] == html, name
