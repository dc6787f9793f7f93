"""The core stays plain: no MkDocs, no CLI framework; the schema is the one source of truth.

Two adapters sit beside the core: the command line (``factsite.cli``) and the MkDocs
adapter (``factsite.mkdocsadapter``, whose events ``hooks/facts.py`` only hands on).
"""

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
    if p.name not in ("__init__.py", "__main__.py", "cli.py") and "mkdocsadapter" not in p.parts
)
HOOKS = sorted((Path(__file__).resolve().parent.parent / "hooks").glob("*.py"))


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


def test_the_package_ships_no_test_tooling() -> None:
    """The quality gates' runners live in ``gates/``, beside the package: nothing a site
    installs and builds with loads them or the checkers they drive."""
    package = Path(factsite.__file__).parent
    every = sorted(
        "factsite." + ".".join(p.relative_to(package).with_suffix("").parts)
        for p in package.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {every!r}: importlib.import_module(name)\n"
        "banned = {'gates', 'benchmarks', 'playwright', 'axe_playwright_python', 'linkcheck', 'lxml', 'pytest'}\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in banned)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
    assert "factsite.mkdocsadapter.hook" in every and "factsite.cli" in every


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


def test_the_hook_files_only_hand_on_the_adapters_events() -> None:
    """MkDocs internals live in factsite.mkdocsadapter, importable and typed like the rest."""
    import ast

    adapters = {"facts.py": "factsite.mkdocsadapter.hook", "staging.py": "factsite.mkdocsadapter.staging"}
    assert [hook.name for hook in HOOKS] == list(adapters)
    for hook in HOOKS:
        tree = ast.parse(hook.read_text(encoding="utf-8"))
        imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom | ast.Import)]
        assert [getattr(node, "module", "") for node in imports] == [adapters[hook.name]]
        assert not [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
        assert len(hook.read_text(encoding="utf-8").splitlines()) < 30


FOUNDATIONS = {"problems", "schema", "i18n", "gitbase", "invocation", "publish", "wayback", "siteconfig", "spool"}
CHECKING = {
    "yamlload", "schemacheck", "characters", "hosts", "files", "vocab", "dates", "rules",
    "model", "catalog", "buildcache", "pipeline", "reporters",
}  # fmt: skip
OUTPUT = {"render", "scaffold", "export", "review", "sourcecheck", "archive"}
ADAPTERS = {"cli", "mkdocsadapter"}
ALLOWED_UPWARDS = {("rules", "render.markdown")}
"""The analysis-links rule reads links with the very Markdown the page renders with."""


def _imports_of(path: Path) -> set[str]:
    """The ``factsite`` modules `path` imports, without the ``factsite.`` prefix."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("factsite"):
            base = node.module.removeprefix("factsite").lstrip(".")
            found.update([base] if base else [a.name for a in node.names])  # `from factsite import rules`
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("factsite.") for a in node.names if a.name.startswith("factsite."))
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    """The code map of ARCHITECTURE.md: foundations, then loading and checking, then output, then adapters."""
    layers = [FOUNDATIONS, CHECKING, OUTPUT, ADAPTERS]
    level = {name: index for index, names in enumerate(layers) for name in names}
    package = Path(factsite.__file__).parent
    wrong = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        if parts[0] in ("__init__", "__main__"):
            continue
        own = level[parts[0]]
        for imported in _imports_of(path):
            top = imported.split(".")[0]
            if top in level and level[top] > own and (parts[0], imported) not in ALLOWED_UPWARDS:
                wrong.append(f"{'/'.join(parts)}.py imports factsite.{imported}")
    assert not wrong
    tops = {p.stem for p in package.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert tops - {"__init__", "__main__"} == set(level), "every module is in one layer of the code map"
