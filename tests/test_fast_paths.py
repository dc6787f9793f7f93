"""Each shortcut of the check gives the answer of the exact code it skips.

Validation stays fast by deciding the common case cheaply (see "Performance" in the
README): a compiled schema engine, a scan of the whole source for invisible
characters, a look for link syntax before rendering Markdown, a regular expression
for plain hosts. Each is only allowed to skip work, so each is held here to the slow,
exact answer on the golden cases and on generated input.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import CASES, REPO
from hypothesis import given
from hypothesis import strategies as st
from test_properties import DOCUMENTS, PROPERTY, SEEDS, TAGS, mutated_fact
from yaml.nodes import MappingNode, Node, ScalarNode

from factsite import schemacheck
from factsite.characters import (
    _BLANK_LETTERS,
    INVISIBLE,
    invisible_characters,
    is_invisible,
    matches,
    may_hide_characters,
    strings,
)
from factsite.hosts import _PLAIN_HOST
from factsite.render.markdown import markdown_links
from factsite.rules.analysis_links import links, may_link, plain_links
from factsite.rules.base import values_at
from factsite.schema import date_paths, fact_schema, url_paths
from factsite.yamlload import (
    _CORE,
    _STR,
    LoadedDocument,
    _check_anchors,
    _Composer,
    _CoreSchemaResolver,
    load_file,
    load_text,
    may_hold_anchors,
)


def _load(text: str) -> LoadedDocument:
    doc = LoadedDocument("facts/x.yml")
    load_text(text, doc)
    return doc


def _engines_agree(data: object, pointer: str = schemacheck.FACT) -> None:
    exact = not any(schemacheck._validator(pointer).iter_errors(data))
    assert schemacheck.is_valid(data, pointer) == exact, data


CASE_FILES = sorted((CASES / "invalid").glob("*/facts/*.yml")) + sorted((CASES / "valid").glob("*/facts/*.yml"))
VOCABULARY_FILES = [*sorted(CASES.glob("**/vocab/*.yml")), *sorted((REPO / "vocab").glob("*.yml"))]


def test_the_schema_engines_agree_on_every_case_and_fact() -> None:
    documents = [load_file(path, path.name).data for path in [*CASE_FILES, *sorted((REPO / "facts").glob("*.yml"))]]
    mappings = [data for data in documents if isinstance(data, dict)]
    assert len(mappings) > 50
    for data in mappings:
        _engines_agree(data)
    invalid = [data for data in mappings if not schemacheck.is_valid(data)]
    assert len(invalid) >= 15, "the golden cases hold many documents that fail the schema"


def test_the_schema_engines_agree_on_every_vocabulary() -> None:
    for path in VOCABULARY_FILES:
        data = load_file(path, path.name).data
        if isinstance(data, dict):
            _engines_agree(data, schemacheck.VOCABULARY)


def test_the_schema_engines_agree_on_the_schema_examples() -> None:
    """Each example of a field, put into a valid fact, and each field's value on its own."""
    seed = _load(SEEDS[0][1]).data
    for name, spec in fact_schema()["properties"].items():
        for example in spec.get("examples", []):
            _engines_agree({**seed, name: example})
            _engines_agree({**seed, name: example + "\n"})


@PROPERTY
@given(DOCUMENTS)
def test_the_schema_engines_agree_on_random_documents(data: object) -> None:
    _engines_agree(data)
    _engines_agree(data, schemacheck.VOCABULARY)


@PROPERTY
@given(mutated_fact())
def test_the_schema_engines_agree_on_mutated_facts(case: tuple[str, str]) -> None:
    data = _load(case[1]).data
    if isinstance(data, dict):
        _engines_agree(data)


@PROPERTY
@given(
    st.sampled_from(sorted(fact_schema()["properties"])),
    st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(["2022-02-30", "trade\n", "x" * 121]),
)
def test_the_schema_engines_agree_on_odd_text_in_any_field(name: str, value: str) -> None:
    _engines_agree({**_load(SEEDS[0][1]).data, name: value})


def test_the_invisible_pattern_is_exactly_is_invisible() -> None:
    """Over every code point, so that a newer Unicode in a newer Python cannot slip by."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    differ = set(INVISIBLE.findall(every)) ^ set(filter(is_invisible, every))
    shown = [f"U+{ord(char):04X} {unicodedata.category(char)}" for char in sorted(differ)[:10]]
    assert not differ, f"update characters.INVISIBLE for Unicode {unicodedata.unidata_version}: {shown}"


HIDDEN = st.sampled_from(["\u200b", "\u202e", "\u00ad", "\ufeff", "\u3164", "\U000e0041", "\u200d"])


@PROPERTY
@given(st.lists(st.text(max_size=8) | HIDDEN, max_size=6).map("".join), st.booleans())
def test_a_source_that_shows_no_invisible_character_holds_none(value: str, ascii_only: bool) -> None:
    """Whether the value is written out or escaped, the scan of the source sees it."""
    text = yaml.safe_dump({"title": value, "sources": [{"quote": value}]}, allow_unicode=not ascii_only)
    doc = _load(text)
    hidden = [found for _, string in strings(doc.data) for found in invisible_characters(string)]
    if hidden:
        assert may_hide_characters(text)


@PROPERTY
@given(st.text(st.sampled_from("ab (): /!*_`&#;\n\\>=\"'h[<"), max_size=40))
def test_text_without_brackets_renders_no_link(text: str) -> None:
    if not may_link(text):
        assert markdown_links(text) == []


def test_an_invisible_character_is_never_printable_unless_a_blank_letter() -> None:
    """What lets `may_hide_characters` ask `str.isprintable` instead of the pattern, over every code point."""
    every = map(chr, range(sys.maxunicode + 1))
    missed = [char for char in every if is_invisible(char) and char.isprintable() and char not in _BLANK_LETTERS]
    assert not missed, [f"U+{ord(char):04X}" for char in missed[:10]]


@PROPERTY
@given(st.lists(st.text(max_size=8) | HIDDEN | st.sampled_from(["\n", "\r", "\t", " ", " "]), max_size=8))
def test_the_printable_shortcut_finds_every_invisible_character(pieces: list[str]) -> None:
    text = "".join(pieces)
    if INVISIBLE.search(text):
        assert may_hide_characters(text)


MARKDOWN_PIECES = [
    *"[]()!<>`\\&*_#-|:'\"\t\r\n",
    *["\x02", "\u2028", "\u00a0", "a", "b c", "    ", "   ", "\n\n", "1. ", "> ", "- ", "===", "&amp;", "%20"],
    *["https://example.org/p", "](", "]:", "<https://a.example>", "\n[b]: https://q.example\n", "[a] [b]"],
    *["[a](b)", "[](u)", "[x](https://e.example/a_b_)", "[*y*](http://e.example/a*b*c)", "[a][b]", "![i](j)"],
    *["[1]", " [2].", "[12]", "[a][1]", "[1](u)", "\n[2]: https://q.example\n", "\n [1]: u\n", "[1]:"],
]
PLAIN_LINK = st.builds(
    "[{}]({})".format, st.text(st.sampled_from("ab *_'\n!"), max_size=6), st.sampled_from(["https://e.example/x", "y"])
)
MARKDOWN = st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=3) | PLAIN_LINK, max_size=14).map("".join)


@PROPERTY
@given(MARKDOWN)
def test_links_read_off_plain_text_are_the_links_markdown_makes(text: str) -> None:
    plain = plain_links(text)
    rendered = markdown_links(text)
    if plain is not None:
        assert plain == rendered
    assert links(text) == rendered


def test_the_plain_links_shortcut_takes_the_common_case() -> None:
    """Guards the test above: an analysis as contributors write it is read without rendering."""
    text = "As [TASS](https://tass.example/1) said, this is *not* all.\n\nSee [the report](https://e.example/r?a=1)."
    assert plain_links(text) == [("a", "https://tass.example/1"), ("a", "https://e.example/r?a=1")]
    assert plain_links("[code](`x`)") is None and plain_links("[a] [b](c)") is None
    cited = "TASS reported it [1], and [the ministry](https://e.example/m) confirmed it [2][3]."
    assert plain_links(cited) is None, "[2][3] could be a reference link: the renderer decides"
    assert plain_links("TASS reported it [1], and the ministry [2].") == [], "source markers are plain text"


YAML_PIECES = [*"&*!-?:,[]{}'\"#|>\t\n\r", "\x85", "\u2028", "\u2029", "\ufeff", "&a ", "*a", "&b x", "!t ", "!!str "]
YAML_PIECES += ["!<tag:x> ", "a", ": ", "- ", "? ", ", ", " ", "\n  ", "\r\n", "#c\n", "'&a'", '"*a"', "x: ", "--- "]
YAML_PIECES += ["---\n", "...\n", "|\n  ", ">\n  ", "k: &a v\nm: *a\n", "R&D", "*not*", "1", "%"]


def _anchor_shortcut_agrees(text: str) -> None:
    composer = _Composer(text)
    try:
        composer.get_single_node()
    except yaml.YAMLError:
        return  # the anchor check runs only on text that composed
    finally:
        composer.dispose()
    doc = LoadedDocument("facts/x.yml")
    _check_anchors(text, doc)
    if doc.problems:
        assert may_hold_anchors(text), text


@PROPERTY
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=2), max_size=14).map("".join))
def test_every_anchor_the_scanner_finds_is_where_the_shortcut_looks(text: str) -> None:
    _anchor_shortcut_agrees(text)


@PROPERTY
@given(st.sampled_from(SEEDS), st.integers(0, 10_000), st.sampled_from(["&a", "*a", "!!str &a", "!x\t*a", "[&a x]"]))
def test_anchors_anywhere_in_a_fact_are_where_the_shortcut_looks(seed: tuple[str, str], at: int, mark: str) -> None:
    text = seed[1]
    at %= len(text) + 1
    _anchor_shortcut_agrees(f"{text[:at]}{mark} {text[at:]}")
    _anchor_shortcut_agrees(f"{text[:at]}{mark}{text[at:]}")


def test_the_anchor_shortcut_skips_prose_and_finds_the_cases() -> None:
    assert not may_hold_anchors("title: R&D spending\nclaim: this is *not* all & *really* so\n")
    for path in sorted((CASES / "invalid").glob("yaml-*/facts/*.yml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        _anchor_shortcut_agrees(text)
    anchored = [path for path in CASE_FILES if "anchor" in path.parent.parent.name or "laughs" in str(path)]
    assert anchored and all(may_hold_anchors(path.read_text(encoding="utf-8")) for path in anchored)


URL_PIECES = st.sampled_from(["https://", "http://", "HTTPS://", "a", "Z", "0", ".", "-", ":", "@", "/", "?", "#"])


@PROPERTY
@given(st.lists(URL_PIECES | st.text(max_size=2), max_size=12).map("".join))
def test_a_plain_host_is_the_host_urlsplit_finds(url: str) -> None:
    plain = _PLAIN_HOST.match(url)
    if plain:
        parts = urlsplit(url)
        assert (plain.group(1), parts.port) == (parts.hostname, None)


@PROPERTY
@given(DOCUMENTS)
def test_schema_paths_find_what_a_walk_over_every_value_finds(data: object) -> None:
    for patterns in (url_paths(), date_paths()):
        walked = {(p, v) for p, v in strings(data) if any(matches(p, pattern) for pattern in patterns)}
        looked_up = values_at(data, patterns) if isinstance(data, dict) else []
        assert {(p, v) for p, v in looked_up if isinstance(v, str)} == walked


def test_the_cases_cover_the_paths_skipped() -> None:
    """Guards the tests above: the golden cases include each kind of input a shortcut skips."""
    texts = [path.read_bytes().decode("utf-8", "replace") for path in CASE_FILES]
    assert any(may_hide_characters(text) for text in texts)
    assert any(not may_hide_characters(text) for text in texts)
    assert any("[" in text for text in texts)
    assert Path(CASES / "invalid" / "invisible-character").is_dir()


CORE_SCHEMA = [
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), [*"~nN", ""]),
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")),
    (
        "float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+.0123456789"),
    ),
]
"""The YAML 1.2 core schema as PyYAML's implicit resolvers state it: each tag with its pattern and first characters."""


def _core_schema_tag(value: str) -> str:
    """PyYAML's resolver with `CORE_SCHEMA` registered: the first pattern for the first character that matches."""
    for tag, pattern, first in CORE_SCHEMA:
        if value[:1] in first and pattern.match(value):
            return _CORE + tag
    return _STR


SCALAR_WORDS = ["null", "Null", "NULL", "~", "true", "False", "TRUE", "nan", ".nan", ".inf", "-.Inf", "0o17", "0x1F"]
SCALAR_WORDS += ["1e5", "1.5e-3", "+12", "-0", ".5", "1.", "title", "tags", "notes", "No", "yes", "2022-09-01", ""]


@PROPERTY
@given(
    st.lists(
        st.sampled_from(SCALAR_WORDS) | st.text(st.sampled_from("-+.0123456789eExoaflsunrtTFN~\n "), max_size=4)
    ).map("".join)
)
def test_the_resolver_gives_the_core_schema_tag(value: str) -> None:
    resolver = _CoreSchemaResolver()
    assert resolver.resolve(ScalarNode, value, (True, False)) == _core_schema_tag(value), repr(value)
    assert resolver.resolve(ScalarNode, value, (False, True)) == _STR


def test_the_resolver_knows_every_core_schema_word() -> None:
    resolver = _CoreSchemaResolver()
    for value in [*SCALAR_WORDS, *(word + "\n" for word in SCALAR_WORDS), "false\n\n", "truex"]:
        assert resolver.resolve(ScalarNode, value, (True, False)) == _core_schema_tag(value), repr(value)


def _node_at(root: Node, path: tuple[str | int, ...]) -> tuple[Node | None, Node]:
    """The key node and the node at `path`, found in the composed graph: the first key wins."""
    key: Node | None = None
    node = root
    for part in path:
        if isinstance(node, MappingNode):
            key, node = next(
                (k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.tag == _STR and k.value == part
            )
        else:
            key, node = None, node.value[part]
    return key, node


def _positions_are_the_nodes_marks(text: str) -> None:
    doc = _load(text)
    try:
        composer = _Composer(text)
        root = composer.get_single_node()
    except yaml.YAMLError:
        return
    finally:
        composer.dispose()
    if doc.built is None:
        return
    for path, position in doc.values.items():
        key, node = _node_at(root, path)
        assert position == (node.start_mark.line + 1, node.start_mark.column + 1), path
        if key is not None:
            assert doc.position(path, key=True) == (key.start_mark.line + 1, key.start_mark.column + 1), path
    assert doc.position(("no such field",)) == doc.position(())


@PROPERTY
@given(mutated_fact())
def test_positions_of_mutated_facts_are_those_of_their_nodes(case: tuple[str, str]) -> None:
    _positions_are_the_nodes_marks(case[1])


@PROPERTY
@given(st.sampled_from(SEEDS), st.integers(0, 10_000), st.sampled_from([*TAGS, "!!int x", "{a: 1, a: 2}", "[[[[x]]]]"]))
def test_positions_around_failed_values_are_those_of_their_nodes(seed: tuple[str, str], at: int, tag: str) -> None:
    text = seed[1]
    starts = [index + 2 for index in range(len(text)) if text.startswith((": ", "- "), index)]
    at = starts[at % len(starts)]
    _positions_are_the_nodes_marks(f"{text[:at]}{tag} {text[at:]}")


@PROPERTY
@given(DOCUMENTS)
def test_positions_of_random_documents_are_those_of_their_nodes(data: object) -> None:
    _positions_are_the_nodes_marks(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n1: x\nb: [y, {2: z, c: d}]\nd: e\n",
        "a: x\nb: [1, 2]\na: y\nc: z\n",
        "a: !!int x\nb: [!!foo y, z, !!map {q: r}]\nc: d\n",
        "? [k]\n: v\nnull: w\nb: c\n",
        "a: " + "[" * 25 + "x" + "]" * 25 + "\nb: c\n",
        "- a\n- {b: c, b: d, e: f}\n- g\n",
    ],
)
def test_positions_after_refused_keys_and_values_are_those_of_their_nodes(text: str) -> None:
    assert _load(text).problems
    _positions_are_the_nodes_marks(text)
