"""The documentation tells the truth about the repository: a README that names a make
target, a CLI flag or a file that does not exist fails here, and so does a broken link
between the guides, a section written twice or a module missing from the code map."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from factsite.cli import build_parser

README = REPO / "README.md"
GUIDES = [README, REPO / "CONTRIBUTING.md", REPO / "ARCHITECTURE.md", *sorted((REPO / "docs-dev").glob("*.md"))]
EXAMPLE_FILES = {"facts/2022-09-05--foreign-ministers-talks.yml"}
"""Named in the README as what its example command writes."""


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _make_targets() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))


def _cli() -> tuple[set[str], set[str]]:
    """The factsite subcommands and every option any of them takes."""
    parser = build_parser()
    commands: set[str] = set()
    flags: set[str] = set()
    for action in parser._actions:  # argparse keeps its subcommands here
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict):
            for name, sub in choices.items():
                commands.add(name)
                flags.update(flag for a in sub._actions for flag in a.option_strings)
    return commands, flags


def _ignored(path: str) -> bool:
    """Whether git ignores `path` (``.venv/``, ``site/``): made by the commands, not in a clone."""
    result = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO, check=False)
    return result.returncode == 0


def test_readme_is_short() -> None:
    assert len(_readme().splitlines()) <= 150


def test_readme_names_only_make_targets_that_exist() -> None:
    named = set(re.findall(r"\bmake ([a-z][a-z-]*)", _readme()))
    assert named >= {"serve", "test", "install", "check", "build"}
    assert named <= _make_targets(), named - _make_targets()


def test_readme_names_only_cli_commands_and_flags_that_exist() -> None:
    commands, flags = _cli()
    for line in _readme().splitlines():
        for command in re.findall(r"\bfactsite ([a-z][a-z-]*)", line):
            assert command in commands, line
        if "factsite" in line:
            for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line):
                assert flag in flags, line


def test_readme_names_only_files_that_exist() -> None:
    names = re.findall(r"`([^`\s]+)`|\]\(([^)#\s]+)", _readme())
    paths = {a or b for a, b in names}
    paths = {p for p in paths if "/" in p or re.search(r"\.[a-z]{2,4}$", p)}
    paths = {p for p in paths if "://" not in p and not p.startswith(("-", "$")) and "=" not in p}
    assert "docs-dev/benchmark-results.md" in paths
    missing = [p for p in sorted(paths) if not (REPO / p).exists() and p not in EXAMPLE_FILES and not _ignored(p)]
    assert not missing


def test_readme_copies_no_measured_figure() -> None:
    """Measured figures live in docs-dev/benchmark-results.md, written by make bench."""
    assert not re.search(r"\d\s?(x|ms|MB|KB|GB)\b|\d+(\.\d+)? ?s\b", _readme())


@pytest.mark.parametrize("guide", GUIDES, ids=[p.relative_to(REPO).as_posix() for p in GUIDES])
def test_guides_mention_nothing_a_reader_cannot_see(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    for hidden in ("shared/research", "the brief", "issue 8", "See Performance below"):
        assert hidden not in text, hidden


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _headings(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [m.group(2) for m in re.finditer(r"^(#+) (.+)$", text, flags=re.M)]


def test_links_between_the_guides_lead_somewhere() -> None:
    broken = []
    for guide in GUIDES:
        prose = re.sub(r"```.*?```|`[^`\n]*`", "", guide.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", prose):
            if "://" in target or target.startswith("mailto:"):
                continue
            file, _, anchor = target.partition("#")
            path = (guide.parent / file).resolve() if file else guide
            if not path.exists():
                broken.append(f"{guide.name}: {target}")
            elif anchor and path.suffix == ".md" and anchor not in {_slug(h) for h in _headings(path)}:
                broken.append(f"{guide.name}: {target} (no such section)")
    assert not broken


def test_no_section_is_written_twice() -> None:
    seen: dict[str, str] = {}
    twice = []
    for guide in GUIDES:
        for heading in _headings(guide):
            key = heading.strip().lower()
            if key in seen and seen[key] != guide.name:
                twice.append(f"{heading!r} in {seen[key]} and {guide.name}")
            seen.setdefault(key, guide.name)
    assert not twice


def test_the_code_map_names_every_module() -> None:
    code_map = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = REPO / "src" / "factsite"
    names = [
        f"{p.name}/" if p.is_dir() else p.name
        for p in package.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and not p.name.startswith("__"))
    ]
    assert len(names) > 20
    missing = [name for name in sorted(names) if f"`{name}`" not in code_map and f"{name}`" not in code_map]
    assert not missing


def test_contributing_says_what_every_make_target_needs() -> None:
    table = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## What each command needs", 1)[1]
    table = table.split("\n## ", 1)[0]
    missing = [target for target in sorted(_make_targets()) if f"`make {target}`" not in table]
    assert not missing
