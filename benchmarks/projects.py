"""The two scratch projects a size is measured on: our site, and the same facts as plain Markdown.

Our project is the repository's site (``docs/``, ``hooks/``, ``overrides/``, ``vocab/``,
``mkdocs.yml``) with the repository's own facts plus synthetic ones up to the size, so
the hand-written pages' links to real facts still resolve and the build runs
``--strict`` as ``make build`` does.

The baseline is what the same site would be without our code: every page our build
generates (fact pages, the timeline and its year pages, the verdict, tag and actor
pages, the reference pages), written as Markdown a person would write, with the same
front matter, built by plain mkdocs-material from the same ``mkdocs.yml`` minus the
hooks. It is the build time to beat. Its lists stay whole where ours continue on
numbered pages: fewer pages for the theme to wrap, so if anything it is the faster.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from benchmarks.synthetic import Fact, dump, synthetic_facts
from factsite.render.datapage import render_data_page
from factsite.render.reference import render_fact_format, render_rating_scale
from factsite.render.siteinfo import SiteInfo
from factsite.render.timeline import PAGE_LIMIT
from factsite.schema import fact_schema

SITE_PARTS = ("docs", "hooks", "overrides", "vocab")
ENGLISH_CONFIG = "mkdocs.english.yml"
"""Our configuration without its other editions: the English-only build the two editions are weighed against."""


def write_project(repo: Path, root: Path, size: int, seed: int) -> list[str]:
    """Our site with `size` facts (the repository's own first); returns the synthetic ids."""
    for name in SITE_PARTS:
        shutil.copytree(repo / name, root / name)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    (root / ENGLISH_CONFIG).write_text(english_only_config((repo / "mkdocs.yml").read_text(encoding="utf-8")), "utf-8")
    shutil.copytree(repo / "facts", root / "facts")
    real = sorted(path.stem for path in (repo / "facts").glob("*.yml"))
    if size < len(real):
        raise ValueError(f"the smallest size is {len(real)}: the repository's own facts are always included")
    facts = synthetic_facts(repo, size - len(real), seed=seed, existing=real)
    for fact_id, fact in facts:
        (root / "facts" / f"{fact_id}.yml").write_text(dump(fact), encoding="utf-8")
    return [fact_id for fact_id, _ in facts]


def english_only_config(text: str) -> str:
    """Our ``mkdocs.yml`` without ``extra.editions``: the English edition alone."""
    cut = re.sub(r"^  editions:\n(?:    .*\n)+", "", text, flags=re.MULTILINE)
    if cut == text:
        raise ValueError("mkdocs.yml has no extra.editions to leave out")
    return cut


def baseline_config(text: str) -> str:
    """Our ``mkdocs.yml`` without the hooks (and the watch list that only serves them)."""
    return re.sub(r"^(hooks|watch):\n(?:  .*\n)+", "", text, flags=re.MULTILINE)


# ---- the baseline: the same pages as hand-written Markdown -------------------------------------


def _label(vocab: dict[str, Any], term: str) -> str:
    return str(vocab[term]["label"])


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front(title: str, description: str, search: str | None = None) -> str:
    lines = ["---", f"title: {_quoted(title)}", f"description: {_quoted(description)}"]
    if search:
        lines.append(f"search: {search}")
    return "\n".join([*lines, "---", "", ""])


class Baseline:
    """Writes the baseline's pages from the fact files and vocabularies of our project."""

    def __init__(self, project: Path) -> None:
        self.facts: dict[str, Fact] = {
            path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for path in sorted((project / "facts").glob("*.yml"))
        }
        self.order = sorted(self.facts, key=lambda i: (str(self.facts[i]["date"]), i))
        self.published = [i for i in self.order if self.facts[i]["status"] == "published"]
        self.tags = yaml.safe_load((project / "vocab" / "tags.yml").read_text(encoding="utf-8"))
        self.actors = yaml.safe_load((project / "vocab" / "actors.yml").read_text(encoding="utf-8"))
        self.verdicts = {v["const"]: v for v in render_rating_scale_defs()}
        self.used: dict[str, dict[str, list[str]]] = {"tags": defaultdict(list), "actors": defaultdict(list)}
        for fact_id in self.published:
            for kind in ("tags", "actors"):
                for term in self.facts[fact_id].get(kind, []):
                    self.used[kind][term].append(fact_id)

    def write(self, root: Path, project: Path) -> None:
        for name in ("docs", "overrides"):
            shutil.copytree(project / name, root / name)
        (root / "mkdocs.yml").write_text(baseline_config((project / "mkdocs.yml").read_text("utf-8")), "utf-8")
        docs = root / "docs"
        pages: dict[str, str] = {
            "rating-scale.md": render_rating_scale().content,
            "fact-format.md": render_fact_format().content,
            "data.md": render_data_page([], SiteInfo()).content,
        }
        pages.update(self.timeline())
        pages.update(self.indexes())
        for position, fact_id in enumerate(self.order):
            pages[f"facts/{fact_id}.md"] = self.fact_page(fact_id, position)
        for uri, text in pages.items():
            path = docs / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def verdict(self, fact: Fact, prefix: str) -> str:
        if fact["kind"] == "event":
            return "**Event**"
        verdict = fact["verdict"]
        return f"[**{self.verdicts[verdict]['title']}**]({prefix}rating-scale.md#{verdict})"

    def outcome(self, fact: Fact) -> str:
        """A claim's verdict and conclusion, or an event's summary, as the listings show them."""
        if fact["kind"] == "event":
            return f"*Event*: {fact['summary']}"
        return f"*{self.verdicts[fact['verdict']]['title']}*: {fact['conclusion']}"

    def entry(self, fact_id: str, prefix: str) -> str:
        fact = self.facts[fact_id]
        tags = ", ".join(_label(self.tags, t) for t in fact["tags"])
        return (
            f"- **{fact['date']}** [{fact['title']}]({prefix}facts/{fact_id}.md)  \n  {self.outcome(fact)}  \n  {tags}"
        )

    def timeline(self) -> dict[str, str]:
        years: dict[str, list[str]] = defaultdict(list)
        for fact_id in self.published:
            years[str(self.facts[fact_id]["date"])[:4]].append(fact_id)
        front = _front("Timeline", "Every checked fact in chronological order.", "{exclude: true}")
        if len(self.published) <= PAGE_LIMIT:
            body = [f"## {year}\n\n" + "\n".join(self.entry(i, "") for i in ids) for year, ids in sorted(years.items())]
            return {"timeline.md": front + "# Timeline\n\n" + "\n\n".join(body) + "\n"}
        links = "\n".join(f"- [{year}](timeline/{year}.md) ({len(ids)})" for year, ids in sorted(years.items()))
        pages = {"timeline.md": f"{front}# Timeline\n\n{len(self.published)} facts by year:\n\n{links}\n"}
        for year, ids in sorted(years.items()):
            entries = "\n".join(self.entry(i, "../") for i in ids)
            year_front = _front(year, f"Checked facts of {year}, in chronological order.", "{exclude: true}")
            pages[f"timeline/{year}.md"] = f"{year_front}# {year}\n\n{entries}\n\n[All years](../timeline.md)\n"
        return pages

    def listing(self, ids: list[str], prefix: str) -> str:
        return "\n".join(f"- {self.facts[i]['date']} [{self.facts[i]['title']}]({prefix}facts/{i}.md)" for i in ids)

    def indexes(self) -> dict[str, str]:
        by_verdict: dict[str, list[str]] = defaultdict(list)
        for fact_id in self.published:
            if "verdict" in self.facts[fact_id]:
                by_verdict[self.facts[fact_id]["verdict"]].append(fact_id)
        exclude = "{exclude: true}"
        rows = "\n".join(
            f"- [{v['title']}]({key}.md): {len(by_verdict[key])} facts. {v['description']}"
            for key, v in self.verdicts.items()
        )
        pages = {"verdicts/index.md": _front("Verdicts", "Facts by verdict.", exclude) + f"# Verdicts\n\n{rows}\n"}
        for key, verdict in self.verdicts.items():
            body = f"# {verdict['title']}\n\n{verdict['description']}\n\n{self.listing(by_verdict[key], '../')}\n"
            pages[f"verdicts/{key}.md"] = _front(verdict["title"], verdict["description"], exclude) + body
        for kind, vocab, title in (("tags", self.tags, "Tags"), ("actors", self.actors, "Actors")):
            used = self.used[kind]
            rows = "\n".join(
                f"- [{_label(vocab, t)}]({t}.md) ({len(used[t])}): {vocab[t]['description']}" for t in sorted(used)
            )
            pages[f"{kind}/index.md"] = _front(title, f"Every {kind[:-1]}.", exclude) + f"# {title}\n\n{rows}\n"
            for term, ids in sorted(used.items()):
                body = f"# {_label(vocab, term)}\n\n{vocab[term]['description']}\n\n{self.listing(ids, '../')}\n"
                pages[f"{kind}/{term}.md"] = _front(_label(vocab, term), vocab[term]["description"], exclude) + body
        return pages

    def fact_page(self, fact_id: str, position: int) -> str:
        fact = self.facts[fact_id]
        published = fact["status"] == "published"
        out = [
            _front(
                fact["title"],
                fact.get("conclusion") or fact["summary"],
                "{boost: 2}" if published else "{exclude: true}",
            ),
            f"# {fact['title']}\n",
        ]
        if not published:
            out.append(
                f'!!! warning "Withdrawn on {fact["withdrawal"]["date"]}"\n\n    {fact["withdrawal"]["reason"]}\n'
            )
        if fact["kind"] == "event":
            out += [
                f"{fact['date']} · {self.verdict(fact, '../')}\n",
                "<h2 data-search-exclude>What happened</h2>\n",
                f"{fact['summary']}\n",
            ]
        else:
            appearance = fact["appearance"]
            claimant = fact["claimant"]["name"]
            out += [
                f"{fact['date']} · {self.verdict(fact, '../')}\n",
                # Without an id, as on our pages: claim and conclusion stay in the page's one search entry.
                "<h2 data-search-exclude>Claim</h2>\n",
                f"> {fact['claim']}\n",
                f"— {claimant}, in [{appearance['publisher']}]({appearance['url']}), {appearance['date']}\n",
                "<h2 data-search-exclude>Verdict</h2>\n",
                f"{self.verdict(fact, '../')} as of {fact['checked']} · [What this rating means](../rating-scale.md)\n",
                f"{fact['conclusion']}\n",
            ]
        publishers = ", ".join(dict.fromkeys(s["publisher"] for s in fact["sources"]))
        out.append(f"**Sources**: [{len(fact['sources'])} sources](#sources): {publishers}  ")
        for kind, vocab, title in (("tags", self.tags, "Tags"), ("actors", self.actors, "Actors")):
            terms = [
                f"[{_label(vocab, t)}](../{kind}/{t}.md)" if t in self.used[kind] else _label(vocab, t)
                for t in fact.get(kind, [])
            ]
            out.append(f"**{title}**: {', '.join(terms)}  ")
        out.append("")
        if fact.get("analysis"):
            out += ["## Analysis { data-search-exclude }\n", f"{fact['analysis']}\n"]
        out.append("## Sources { #sources data-search-exclude }\n")
        for source in fact["sources"]:
            details = [f"{source['published']}", f"{source.get('kind', '')} source", source.get("language", "")]
            archive = f" · [archived copy]({source['archive_url']})" if "archive_url" in source else ""
            out.append(
                f"1. [{source.get('title') or source['publisher']}]({source['url']}), "
                f"{source['publisher']}, {' · '.join(details)}"
                f"{archive} · accessed {source['accessed']}\n"
            )
            if "quote" in source:
                out.append(f"    > {source['quote']}\n")
            if "quote_translation" in source:
                out.append(f"    *Our translation:* {source['quote_translation']}\n")
        related = [i for i in fact.get("related", []) if self.facts[i]["status"] == "published"]
        if related:
            out.append("## Related facts { data-search-exclude }\n")
            for other in related:
                out.append(f"- {self.facts[other]['date']}: [{self.facts[other]['title']}]({other}.md)")
            out.append("")
        out.append("## Corrections { data-search-exclude }\n")
        corrections = fact.get("corrections", [])
        out.append("\n".join(f"- {c['date']}: {c['note']}" for c in corrections) or "No corrections since then.")
        out.append("")
        neighbours = []
        if position > 0:
            previous = self.order[position - 1]
            neighbours.append(f"[← Previous: {self.facts[previous]['title']}]({previous}.md)")
        if position + 1 < len(self.order):
            following = self.order[position + 1]
            neighbours.append(f"[Next →: {self.facts[following]['title']}]({following}.md)")
        out.append(" · ".join(neighbours) + "\n")
        return "\n".join(out)


def render_rating_scale_defs() -> list[dict[str, Any]]:
    """The verdicts as the schema defines them (const, title, description)."""
    defs: list[dict[str, Any]] = fact_schema()["$defs"]["verdict"]["oneOf"]
    return defs


def write_baseline(project: Path, root: Path) -> None:
    Baseline(project).write(root, project)
