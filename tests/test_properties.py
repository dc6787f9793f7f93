"""Property tests: random and mutated YAML through the loader, schema, rules, model and pages.

Whatever the input, the only outcome is a list of `Problem`s (and, for input with no
errors, a fact that builds and renders). Examples are derandomized, so CI sees the same
ones every run; raise ``FACTSITE_EXAMPLES`` locally to search harder.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unicodedata
from pathlib import Path

import yaml
from conftest import CASES, REPO, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsite import schemacheck
from factsite.catalog import Catalog
from factsite.files import LoadedFact
from factsite.hosts import host_problem
from factsite.model import build_fact
from factsite.pipeline import Layout, check_project
from factsite.problems import Level, Problem
from factsite.render.pages import render_fact_pages
from factsite.rules import ACROSS, RULES, RuleContext
from factsite.schema import fact_schema
from factsite.vocab import load_vocabularies
from factsite.yamlload import LoadedDocument, load_file, load_text

EXAMPLES = int(os.environ.get("FACTSITE_EXAMPLES", "100"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
VOCABULARIES, _ = load_vocabularies(REPO / "vocab", REPO)
SEEDS = sorted(
    (path.stem, path.read_text(encoding="utf-8"))
    for path in [*(REPO / "facts").glob("*.yml"), *(CASES / "valid" / "complete" / "facts").glob("*.yml")]
)
TOKENS = [
    "\t", "'", '"', ":", ": ", "#", "&a ", "*a", "<<: *a\n", "!!python/object/apply:os.system ['x']", "!x ",
    "!!binary ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!str ", "!!map ", "!!seq ", "!!set ", "!!omap ",
    "- ", "[", "]", "{", "}", "\n", "\r\n", "---\n", "...\n", "%YAML 1.1\n", "? ", "|", ">", "\x00",
    "\x07", "\ufeff", "\u202e", "\u200b", "\ud7ff", "~", "null", "yes", "2022-02-30", "1e9999", "0x", ".nan",
    "<script>", "javascript:", "https://t\u0430ss.ru/", "  ", "\\",
]  # fmt: skip
"""Pieces that break YAML or a rule: quotes, colons, anchors, tags, directives, control and bidi characters."""


def check_everything(fact_id: str, doc: LoadedDocument) -> list[Problem]:
    """Schema, every rule, and for input without errors the model and its page; any exception escapes."""
    fact = LoadedFact(fact_id, doc)
    problems = [*doc.problems, *schemacheck.check_document(doc)]
    context = RuleContext(VOCABULARIES, TODAY, ((fact_id, doc.path),))
    for rule in RULES:
        problems.extend(rule.check(fact, context))
    for across in ACROSS:
        problems.extend(across.across([across.note(fact, context)], context))
    for problem in problems:
        assert isinstance(problem, Problem)
        line = problem.format()
        assert problem.line >= 1 and problem.column >= 1
        assert not [c for c in line if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")], line
    if not any(p.level is Level.ERROR for p in problems):
        built = build_fact(fact_id, doc.path, fact.data, VOCABULARIES)
        assert render_fact_pages(Catalog([built]))[0].content
    return problems


def load(text: str) -> LoadedDocument:
    doc = LoadedDocument("facts/x.yml")
    load_text(text, doc)
    return doc


@st.composite
def mutated_fact(draw: st.DrawFn) -> tuple[str, str]:
    fact_id, text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "value", "delete", "replace", "truncate"]))
        values = [index + 2 for index in range(len(text)) if text.startswith(": ", index)]
        if kind == "value" and values:  # a tag, anchor or odd scalar where a value starts
            at = values[at % len(values)]
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(max_size=3)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif kind == "replace" and at < len(text):
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif kind == "truncate":
            text = text[:at]
    return fact_id, text


@PROPERTY
@given(mutated_fact())
def test_mutated_facts_give_only_problems(case: tuple[str, str]) -> None:
    fact_id, text = case
    check_everything(fact_id, load(text))


TAGS = ["!!int", "!!float", "!!bool", "!!null", "!!str", "!!binary", "!!timestamp", "!!map", "!!seq", "!!set"]
TAGS += ["!!omap", "!!pairs", "!x", "!<tag:example.org,2026:x>", "!!python/name:os.system", "&a", "*a", "&a *a"]


@PROPERTY
@given(st.sampled_from(SEEDS), st.integers(0, 10_000), st.sampled_from(TAGS))
def test_tagged_values_give_only_problems(seed: tuple[str, str], at: int, tag: str) -> None:
    """Every value of a fact with a tag, anchor or alias in front of it."""
    fact_id, text = seed
    starts = [index + 2 for index in range(len(text)) if text.startswith((": ", "- "), index)]
    at = starts[at % len(starts)]
    check_everything(fact_id, load(f"{text[:at]}{tag} {text[at:]}"))


@PROPERTY
@given(st.text(max_size=300))
def test_random_text_gives_only_problems(text: str) -> None:
    check_everything("1992-04-08--x", load(text))


_DIRECTORY = Path(tempfile.mkdtemp(prefix="factsite-properties-"))


@PROPERTY
@given(st.sampled_from(SEEDS), st.integers(0, 4000), st.integers(0, 255), st.booleans())
def test_flipped_bytes_give_only_problems(seed: tuple[str, str], at: int, byte: int, bom: bool) -> None:
    fact_id, text = seed
    raw = bytearray(text.encode("utf-8"))
    raw[at % len(raw)] = byte
    path = _DIRECTORY / "fact.yml"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + bytes(raw))
    check_everything(fact_id, load_file(path, "facts/fact.yml"))


FIELD_NAMES = [*sorted(fact_schema()["properties"]), "url", "publisher", "date", "note", "reason", "quote"]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.dates().map(dt.date.isoformat)
    | st.sampled_from(["accurate", "published", "withdrawn", "https://example.org/", "undated", "diplomacy"])
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=8)
    ),
    max_leaves=30,
)


@PROPERTY
@given(DOCUMENTS, st.text(alphabet="0123456789-abz.", max_size=25))
def test_random_documents_and_ids_give_only_problems(data: object, fact_id: str) -> None:
    check_everything(fact_id, load(yaml.safe_dump(data, allow_unicode=True)))


def test_the_seeds_are_clean() -> None:
    """The mutations start from facts that pass, so that they probe the edge of validity."""
    for fact_id, text in SEEDS:
        problems = check_everything(fact_id, load(text))
        assert not [p for p in problems if p.level is Level.ERROR and p.rule != "related-exists"], fact_id


@PROPERTY
@given(st.text(max_size=40), st.sampled_from(["https://", "http://", "https://a.", "http://xn--"]))
def test_any_host_gives_an_answer_not_an_exception(host: str, prefix: str) -> None:
    problem = host_problem(f"{prefix}{host}/path")
    assert problem is None or isinstance(problem, str)


@settings(PROPERTY, max_examples=max(10, EXAMPLES // 4))
@given(DOCUMENTS, DOCUMENTS)
def test_random_vocabularies_give_only_problems(tags: object, actors: object) -> None:
    folder = _DIRECTORY / "vocab"
    folder.mkdir(exist_ok=True)
    for name, data in (("tags", tags), ("actors", actors)):
        (folder / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    vocabularies, problems = load_vocabularies(folder, _DIRECTORY)
    assert all(isinstance(problem, Problem) for problem in problems)
    assert set(vocabularies.unavailable) <= {"tags", "actors"}


@settings(PROPERTY, max_examples=max(10, EXAMPLES // 4))
@given(st.lists(st.text(st.characters(blacklist_characters="/\x00"), min_size=1, max_size=30), max_size=4))
def test_any_file_names_give_only_problems(names: list[str]) -> None:
    """Whatever a pull request names its files, the whole check answers with problems."""
    root = Path(tempfile.mkdtemp(prefix="names-", dir=_DIRECTORY))
    (root / "facts").mkdir()
    fact_text = SEEDS[0][1]
    for name in names:
        try:
            (root / "facts" / name).write_text(fact_text, encoding="utf-8")
        except (OSError, UnicodeEncodeError):
            continue  # a name this file system refuses cannot arrive either
    result = check_project(Layout.of(root, vocab=REPO / "vocab"), today=TODAY)
    assert all(isinstance(problem, Problem) for problem in result.report)
    for problem in result.report:
        assert not [c for c in problem.format() if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]
