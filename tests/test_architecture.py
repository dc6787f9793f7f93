"""The core stays plain: no MkDocs, no CLI framework; the schema is the one source of truth."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import factsite
from factsite import rules
from factsite.schema import fact_schema, verdict_scale

CORE_MODULES = sorted(
    "factsite." + ".".join(p.relative_to(Path(factsite.__file__).parent).with_suffix("").parts)
    for p in Path(factsite.__file__).parent.rglob("*.py")
    if p.name not in ("__init__.py", "__main__.py", "cli.py")
)


def test_core_imports_neither_mkdocs_nor_a_cli_framework() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "banned = {'mkdocs', 'material', 'click', 'argparse', 'typer'}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in banned)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
    assert len(CORE_MODULES) > 10


def test_verdicts_are_read_from_the_schema() -> None:
    options = fact_schema()["$defs"]["verdict"]["oneOf"]
    assert [v.id for v in verdict_scale()] == [o["const"] for o in options]
    ordinals = [v.ordinal for v in verdict_scale() if v.is_ordinal]
    assert ordinals == sorted(ordinals, reverse=True) == list(range(len(ordinals), 0, -1))


def test_every_rule_has_an_id_and_a_contributor_docstring() -> None:
    ids = [rule.ID for rule in rules.RULES]
    assert len(ids) == len(set(ids))
    for rule in rules.RULES:
        assert rule.__doc__ and rule.__doc__.startswith(f"{rule.ID}"), rule.__name__


def test_date_rules_find_every_date_field_in_the_schema() -> None:
    from factsite.schema import date_paths

    assert set(date_paths()) == {
        ("date",),
        ("end_date",),
        ("checked",),
        ("appearance", "date"),
        ("sources", "*", "published"),
        ("sources", "*", "accessed"),
        ("sources", "*", "archived"),
        ("corrections", "*", "date"),
        ("withdrawal", "date"),
    }
