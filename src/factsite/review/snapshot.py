"""The facts and vocabularies of one state of the project: a git ref or the working tree.

Both sides of a review are loaded the same way, with the same YAML loader and the same
positions, so the diff compares like with like and the rules can point at lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factsite.files import FACT_SUFFIX, LoadedFact, find_fact_files, load_facts
from factsite.gitbase import read_tree
from factsite.vocab import VOCABULARY_NAMES
from factsite.yamlload import load_bytes, load_file

FACTS_FOLDER = "facts"
VOCAB_FOLDER = "vocab"


@dataclass(frozen=True)
class Snapshot:
    """Facts by id, and the raw vocabularies by name (``tags``, ``actors``)."""

    label: str
    """How the state is named in output: ``origin/main (1a2b3c4)`` or ``working tree``."""
    facts: dict[str, LoadedFact]
    ref: str = ""
    """The git ref as given, for a snapshot read from git."""
    vocabularies: dict[str, dict[str, Any]] = field(default_factory=dict)


def snapshot_at(root: Path, ref: str) -> Snapshot:
    """The project under `root` at git `ref`, read into memory (raises `GitError`)."""
    tree = read_tree(root, ref, (FACTS_FOLDER, VOCAB_FOLDER))
    facts: dict[str, LoadedFact] = {}
    for path, raw in tree.files.items():
        folder, _, name = path.partition("/")
        if folder == FACTS_FOLDER and "/" not in name and name.endswith(FACT_SUFFIX) and not name.startswith("."):
            fact_id = name.removesuffix(FACT_SUFFIX)
            facts[fact_id] = LoadedFact(fact_id, load_bytes(raw, path))
    vocabularies = {}
    for name in VOCABULARY_NAMES:
        raw_vocab = tree.files.get(f"{VOCAB_FOLDER}/{name}.yml")
        vocabularies[name] = _mapping(load_bytes(raw_vocab, name).data) if raw_vocab is not None else {}
    return Snapshot(tree.label, dict(sorted(facts.items())), ref, vocabularies)


def snapshot_of_worktree(root: Path) -> Snapshot:
    """The project as it is on disk under `root`."""
    files, _ = find_fact_files((root / FACTS_FOLDER,), root) if (root / FACTS_FOLDER).is_dir() else ([], [])
    facts = {fact.id: fact for fact in load_facts(files, root)}
    vocabularies = {}
    for name in VOCABULARY_NAMES:
        path = root / VOCAB_FOLDER / f"{name}.yml"
        vocabularies[name] = _mapping(load_file(path, name).data) if path.is_file() else {}
    return Snapshot("working tree", dict(sorted(facts.items())), "", vocabularies)


def _mapping(data: object) -> dict[str, Any]:
    return data if isinstance(data, dict) else {}
