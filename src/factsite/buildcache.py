"""What a long-lived process keeps from one build to the next, so a rebuild redoes only what changed.

``mkdocs serve`` rebuilds the whole site after every save, in the same process. The hook
holds one `BuildCache` while it serves and hands it to `check_project` and the renderers,
which reuse what was made from the same inputs:

- a fact file's loaded document and its own problems (YAML and schema), while its bytes
  are the same;
- its `Fact`, while its document and the vocabularies are the same;
- a rendered output (`reuse`), while every input it read equals last time's: its own
  arguments, and the answer to each catalog query it made, asked again of the new catalog;
- the theme's compiled templates (`templates`), which Jinja uses only for the same source.

Rules across files, and outputs made from all facts, are always redone, so a build with
the cache writes the same bytes as one without (``tests/test_buildcache.py``). What a
build does not use is dropped at the next one, so deleted facts are not kept. One build
keeps at most `KEPT` files and as many outputs, so memory stays bounded at any size.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import InitVar, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import jinja2
from jinja2.bccache import Bucket

from factsite import schemacheck
from factsite.catalog import Catalog
from factsite.files import LoadedFact
from factsite.model import Fact, build_fact
from factsite.problems import Problem
from factsite.vocab import Vocabularies
from factsite.yamlload import MAX_FILE_BYTES, load_bytes, load_file

T = TypeVar("T")
V = TypeVar("V")


KEPT = 10_000
"""At most this many loaded files, and as many rendered outputs, are kept from one build to
the next. A loaded file with its positions takes some 40 KB: an archive of 100,000
entries would hold 4 GB while serving. Past the limit the rest are made again each build."""


class _Generations(Generic[V]):
    """Entries of this build, falling back to the last build's; the rest is dropped at the next build."""

    def __init__(self, limit: int = KEPT) -> None:
        self._limit = limit
        self._previous: dict[Hashable, V] = {}
        self._current: dict[Hashable, V] = {}

    def begin(self) -> None:
        # A build that stored nothing (a failed check renders nothing) keeps the last one's entries.
        if self._current:
            self._previous, self._current = self._current, {}

    def get(self, key: Hashable) -> V | None:
        if key in self._current:
            return self._current[key]
        entry = self._previous.pop(key, None)
        if entry is not None:
            self._current[key] = entry
        return entry

    def put(self, key: Hashable, entry: V) -> bool:
        """Keep `entry` for the next build, unless the limit is reached; whether it is kept."""
        if key not in self._current and len(self._current) >= self._limit:
            return False
        self._current[key] = entry
        return True

    def __len__(self) -> int:
        return len(self._current)


@dataclass
class _Document:
    raw: bytes
    fact: LoadedFact
    problems: list[Problem] | None = None
    """Its YAML and schema problems, once asked for."""
    built: tuple[Vocabularies, Fact] | None = None


Query = tuple[str, tuple[Any, ...] | None, tuple[tuple[str, Any], ...], Any]
"""A catalog query as `_CatalogReads` notes it: name, arguments (None for an attribute), keywords, answer."""


class _CatalogReads:
    """A catalog that notes every query made through it, with its answer."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.queries: list[Query] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalog, name)
        if not callable(value):
            self.queries.append((name, None, (), value))
            return value

        def query(*args: Any, **kwargs: Any) -> Any:
            answer = value(*args, **kwargs)
            self.queries.append((name, args, tuple(sorted(kwargs.items())), answer))
            return answer

        return query


def _same_answers(queries: Sequence[Query], catalog: Catalog) -> bool:
    """Whether `catalog` answers every noted query as the catalog it was asked of did."""
    for name, args, kwargs, answer in queries:
        value = getattr(catalog, name)
        if args is not None:
            value = value(*args, **dict(kwargs))
        if value != answer:  # tuples and lists compare items with `is` first: unchanged facts cost little
            return False
    return True


@dataclass
class _Output:
    inputs: tuple[Any, ...]
    queries: list[Query]
    value: Any


@dataclass
class CacheStats:
    """How much the last build reused (for tests and the benchmark's notes)."""

    files_loaded: int = 0
    files_reused: int = 0
    outputs_made: int = 0
    outputs_reused: int = 0


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory, for environments made anew for each build.

    Jinja reuses a template's code only when the template's source is unchanged (it
    compares checksums); the key here adds the environment's settings that shape the
    code (syntax, extensions, filters and tests), so other settings compile afresh.
    """

    def __init__(self) -> None:
        self._code: dict[tuple[str, Hashable], bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.key, _settings(bucket.environment)))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(bucket.key, _settings(bucket.environment))] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def _settings(env: jinja2.Environment) -> Hashable:
    """What of `env` the compiled code of a template depends on, besides the template's source."""
    syntax = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
    )
    compiling = (type(env), env.code_generator_class, env.optimized, env.is_async, env.autoescape, env.finalize)
    calls = tuple(
        (kind, name, getattr(function, "jinja_pass_arg", None))
        for kind, functions in (("filter", env.filters), ("test", env.tests))
        for name, function in sorted(functions.items())
    )
    return (syntax, compiling, tuple(sorted(env.extensions)), calls)


class FactCache:
    """What `check_project` may keep between runs. This one keeps nothing: each method is the
    plain step, so the pipeline calls its cache without asking whether it has one, and each
    loaded document is let go as soon as the pipeline is done with it."""

    def begin(self) -> None:
        """A check starts."""

    def load(self, path: Path, shown: str) -> LoadedFact:
        return LoadedFact(path.stem, load_file(path, shown))

    def file_problems(self, fact: LoadedFact) -> list[Problem]:
        return schemacheck.file_problems(fact.doc)

    def build_fact(self, fact: LoadedFact, vocabularies: Vocabularies) -> Fact:
        return build_fact(fact.id, fact.path, fact.data, vocabularies)


NO_CACHE = FactCache()
"""The plain check (``factsite check``, ``mkdocs build``): nothing is kept."""


@dataclass
class BuildCache(FactCache):
    """Loaded fact files, built facts and rendered outputs of the last build, for the next one."""

    kept: InitVar[int] = KEPT
    """How many loaded files, and how many outputs, one build keeps for the next."""
    _documents: _Generations[_Document] = field(init=False)
    _by_doc: dict[int, _Document] = field(default_factory=dict)
    """The kept documents of this build, by the loaded document's id."""
    _outputs: _Generations[_Output] = field(init=False)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    """For the theme's Jinja environment, which MkDocs makes anew for each build."""
    _vocabularies: tuple[Vocabularies, Vocabularies] | None = None
    """The vocabularies last handed in, and the equal ones facts were built with."""
    stats: CacheStats = field(default_factory=CacheStats)
    checkpoint: Callable[[], None] = field(default=lambda: None, repr=False)
    """Called before each file is loaded: ``serve`` stops there a rebuild that a newer save made stale."""

    def __post_init__(self, kept: int) -> None:
        self._documents, self._outputs = _Generations(kept), _Generations(kept)

    def begin(self) -> None:
        """A build starts: what the last build did not use is dropped now."""
        self._documents.begin()
        self._outputs.begin()
        self.stats = CacheStats()
        self._by_doc = {}

    def load(self, path: Path, shown: str) -> LoadedFact:
        """`FactCache.load`, reusing the document of a file whose bytes did not change (kept while serving)."""
        self.checkpoint()
        entry, kept = self._load(path, shown)
        if kept:  # otherwise the pipeline lets it go after its batch, and its problems and fact are made anew
            self._by_doc[id(entry.fact.doc)] = entry
        return entry.fact

    def _load(self, path: Path, shown: str) -> tuple[_Document, bool]:
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            raw = None
        if raw is None or len(raw) > MAX_FILE_BYTES:  # unreadable or too large: the loader words the problem
            self.stats.files_loaded += 1
            return _Document(b"", LoadedFact(path.stem, load_file(path, shown))), False
        key = (os.fspath(path), shown)
        entry = self._documents.get(key)
        if entry is None or entry.raw != raw:
            self.stats.files_loaded += 1
            entry = _Document(raw, LoadedFact(path.stem, load_bytes(raw, shown)))
            return entry, self._documents.put(key, entry)
        self.stats.files_reused += 1
        return entry, True

    def file_problems(self, fact: LoadedFact) -> list[Problem]:
        """`schemacheck.file_problems` of `fact`, kept while its file is unchanged."""
        entry = self._by_doc.get(id(fact.doc))
        if entry is None or entry.fact is not fact:
            return schemacheck.file_problems(fact.doc)
        if entry.problems is None:
            entry.problems = schemacheck.file_problems(fact.doc)
        return entry.problems

    def build_fact(self, fact: LoadedFact, vocabularies: Vocabularies) -> Fact:
        """`factsite.model.build_fact` of a valid file, reused while its document and the vocabularies are the same."""
        vocabularies = self._same_vocabularies(vocabularies)
        entry = self._by_doc.get(id(fact.doc))
        if entry is None or entry.fact is not fact:
            return build_fact(fact.id, fact.path, fact.data, vocabularies)
        if entry.built is None or entry.built[0] is not vocabularies:
            entry.built = (vocabularies, build_fact(fact.id, fact.path, fact.data, vocabularies))
        return entry.built[1]

    def _same_vocabularies(self, given: Vocabularies) -> Vocabularies:
        """`given`, or the equal vocabularies of the last build: one object, so each fact compares with `is`."""
        if self._vocabularies is None or self._vocabularies[0] is not given:
            kept = self._vocabularies[1] if self._vocabularies and self._vocabularies[1] == given else given
            self._vocabularies = (given, kept)
        return self._vocabularies[1]

    def reuse(self, key: Hashable, make: Callable[[], T], *inputs: Any) -> T:
        """`make()`, or what it returned for `key` last build if `inputs` are equal to that build's.

        `make` must read nothing but `inputs`, which are compared with ``==``, so they
        should be immutable values (facts, site settings). Equal facts render the same.
        """
        entry = self._outputs.get(key)
        if entry is not None and entry.inputs == inputs:
            self.stats.outputs_reused += 1
            return cast(T, entry.value)
        value = make()
        self._outputs.put(key, _Output(inputs, [], value))
        self.stats.outputs_made += 1
        return value

    def reuse_reading(self, key: Hashable, make: Callable[[Catalog], T], catalog: Catalog, *inputs: Any) -> T:
        """`reuse` for an output that also queries the catalog: `make(catalog)`.

        Each query `make` makes of the catalog it is given is noted with its answer; the
        output is reused only while `inputs` are equal and the new catalog gives every
        noted query the same answer (a neighbour, a related fact, whether a tag has a page).
        """
        entry = self._outputs.get(key)
        if entry is not None and entry.inputs == inputs and _same_answers(entry.queries, catalog):
            self.stats.outputs_reused += 1
            return cast(T, entry.value)
        reads = _CatalogReads(catalog)
        value = make(cast(Catalog, reads))
        self._outputs.put(key, _Output(inputs, reads.queries, value))
        self.stats.outputs_made += 1
        return value


def reused(cache: BuildCache | None, key: Hashable, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, through `cache` when there is one: the arguments are all it may read."""
    if cache is None:
        return function(*args)
    return cache.reuse(key, partial(function, *args), *args)
