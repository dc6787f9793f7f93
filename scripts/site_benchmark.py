"""Measure the site at scale: N synthetic facts, built for real, sizes gzipped and build time.

    .venv/bin/python scripts/site_benchmark.py [--facts 10000] [--keep DIR] [--baseline]

Synthetic facts reuse words of the repository's own facts, so text compresses like
ours; they are written to a scratch project (never to facts/). Reports the timeline's
first view, the largest fact page, the search index, the timeline filter index, and the
build time; ``--baseline`` also builds the same facts as plain hand-written Markdown
pages without the hook, the build time to beat. Sizes are of the HTML or JSON only;
Material's own CSS and JavaScript are the same on every page and cached after the first.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from factsite.schema import verdict_scale

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-28"


def vocabulary_words() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "facts").glob("*.yml")))
    return re.findall(r"[A-Za-z][a-z]{2,}", text)


def sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(low, high))]
    return " ".join(chosen).capitalize() + "."


def synthetic_facts(count: int, rng: random.Random) -> list[tuple[str, dict[str, object]]]:
    words = vocabulary_words()
    tags = sorted(yaml.safe_load((REPO / "vocab" / "tags.yml").read_text(encoding="utf-8")))
    actors = sorted(yaml.safe_load((REPO / "vocab" / "actors.yml").read_text(encoding="utf-8")))
    verdicts = [verdict.id for verdict in verdict_scale()]
    kinds = ["News", "Agency", "Ministry", "Times"]
    publishers = [f"{rng.choice(words).capitalize()} {rng.choice(kinds)}" for _ in range(60)]
    facts = []
    for number in range(count):
        year, month, day = rng.randint(1991, 2025), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        sources = [
            {
                "url": f"https://example.org/{number}/{index}",
                "publisher": rng.choice(publishers),
                "title": sentence(rng, words, 5, 12)[:100].rstrip(" ."),
                "published": date,
                "accessed": TODAY,
                "archive_url": f"https://archive.example.org/{number}/{index}",
                "kind": rng.choice(["primary", "secondary"]),
            }
            for index in range(rng.randint(2, 6))
        ]
        fact = {
            "title": sentence(rng, words, 6, 14)[:100].rstrip(" ."),
            "date": date,
            "claim": sentence(rng, words, 15, 40),
            "claimant": rng.choice(publishers),
            "appearance": {"url": f"https://example.org/article/{number % 500}", "publisher": "Example", "date": date},
            "verdict": rng.choice(verdicts),
            "conclusion": sentence(rng, words, 15, 35)[:390].rstrip(),
            "analysis": "\n\n".join(sentence(rng, words, 30, 70) for _ in range(rng.randint(1, 3))),
            "sources": sources,
            "tags": rng.sample(tags, rng.randint(1, 3)),
            "actors": rng.sample(actors, rng.randint(2, 8)),
            "checked": TODAY,
            "status": "published",
        }
        facts.append((f"{date}--synthetic-{number}", fact))
    return facts


def write_project(root: Path, facts: list[tuple[str, dict[str, object]]]) -> None:
    for name in ("vocab", "docs", "hooks", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "facts").mkdir()
    for fact_id, fact in facts:
        (root / "facts" / f"{fact_id}.yml").write_text(yaml.safe_dump(fact, allow_unicode=True), encoding="utf-8")


def write_baseline(root: Path, facts: list[tuple[str, dict[str, object]]]) -> None:
    """The same facts as hand-written Markdown pages, built by plain mkdocs-material."""
    (root / "docs" / "facts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n", encoding="utf-8"
    )
    (root / "docs" / "index.md").write_text("# Baseline\n", encoding="utf-8")
    for fact_id, fact in facts:
        sources = "\n".join(f"1. [{s['title']}]({s['url']}), {s['publisher']}" for s in fact["sources"])  # type: ignore[attr-defined]
        page = (
            f"# {fact['title']}\n\n{fact['date']} · **{fact['verdict']}**\n\n## Claim\n\n> {fact['claim']}\n\n"
            f"## Verdict\n\n{fact['conclusion']}\n\n## Analysis\n\n{fact['analysis']}\n\n## Sources\n\n{sources}\n"
        )
        (root / "docs" / "facts" / f"{fact_id}.md").write_text(page, encoding="utf-8")


def build(root: Path) -> float:
    env = {**os.environ, "FACTSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=root, env=env, check=True)
    return time.perf_counter() - start


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    parser.add_argument("--baseline", action="store_true", help="also time plain Markdown pages without the hook")
    args = parser.parse_args()
    facts = synthetic_facts(args.facts, random.Random(args.seed))
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch) / "project"
        write_project(root, facts)
        seconds = build(root)
        site = root / "site"
        pages = list((site / "facts").glob("*/index.html"))
        print(f"facts: {len(facts)}, build: {seconds:.1f} s")
        first_view = gzipped(site / "timeline" / "index.html")
        print(f"timeline first view (timeline/index.html): {first_view / 1024:.1f} KB gz")
        years = sorted((site / "timeline").glob("*/index.html"), key=gzipped)
        if years:
            print(f"largest year page ({years[-1].parent.name}): {gzipped(years[-1]) / 1024:.1f} KB gz")
        print(f"largest fact page: {max(map(gzipped, pages)) / 1024:.1f} KB gz")
        print(f"search index: {gzipped(site / 'search' / 'search_index.json') / 1024:.1f} KB gz")
        print(f"timeline filter index: {gzipped(site / 'timeline' / 'filter-index.json') / 1024:.1f} KB gz")
        if args.baseline:
            baseline = Path(scratch) / "baseline"
            write_baseline(baseline, facts)
            print(f"baseline (plain Markdown pages, no hook): {build(baseline):.1f} s")


if __name__ == "__main__":
    main()
