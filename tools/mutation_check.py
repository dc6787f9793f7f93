"""Remove each hostile-input protection in turn and show that a test then fails.

Each mutant is one textual edit to a scratch copy of the repository (never to the
working tree); the tests named beside it run against the copy, and the mutant counts
as killed when they fail or time out. A survivor means a protection without a test.

    .venv/bin/python tools/mutation_check.py            # all mutants
    .venv/bin/python tools/mutation_check.py tabs bom   # only these

Slow (one pytest run per mutant), so it is not part of ``make test``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    protection: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


CASE = "tests/test_cases.py::test_invalid_case_gives_exactly_the_expected_report"
VALID = "tests/test_cases.py::test_valid_case_has_no_errors"

MUTANTS = (
    Mutant(
        "anchors",
        "anchors and aliases refused (billion laughs)",
        "src/factsite/yamlload.py",
        'if "&" in text or "*" in text:',
        "if False:",
        (f"{CASE}[yaml-billion-laughs]", f"{CASE}[yaml-anchor-alias]", "tests/test_yamlload.py"),
    ),
    Mutant(
        "tags",
        "custom and Python tags refused",
        "src/factsite/yamlload.py",
        '        self._fail(node, "yaml-tag", path, f"YAML tag',
        '        return\n        self._fail(node, "yaml-tag", path, f"YAML tag',
        (f"{CASE}[yaml-custom-tag]", f"{CASE}[yaml-python-tag]"),
    ),
    Mutant(
        "utf8",
        "non-UTF-8 bytes reported with their position",
        "src/factsite/yamlload.py",
        'return raw.decode("utf-8")',
        'return raw.decode("utf-8", errors="replace")',
        (f"{CASE}[yaml-non-utf8]",),
    ),
    Mutant(
        "bom",
        "a UTF-8 byte-order mark is accepted",
        "src/factsite/yamlload.py",
        "raw = raw[3:]",
        "raw = raw",
        (
            f"{VALID}[bom-crlf]",
            "tests/test_hostile_input.py::test_a_byte_order_mark_does_not_shift_columns_on_the_first_line",
        ),
    ),
    Mutant(
        "crlf",
        "CRLF line endings counted as one line break",
        "src/factsite/yamlload.py",
        "    loader = _Composer(text)",
        '    loader = _Composer(text.replace("\\r\\n", "\\n\\n"))',
        (f"{VALID}[bom-crlf]", "tests/test_yamlload.py::test_crlf_line_endings_keep_line_numbers"),
    ),
    Mutant(
        "tabs",
        "tab indentation named as such",
        "src/factsite/yamlload.py",
        'text[mark.index] == "\\t"',
        'text[mark.index] == "\\v"',
        (f"{CASE}[yaml-tabs]",),
    ),
    Mutant(
        "empty",
        "an empty or comment-only file is an error",
        "src/factsite/yamlload.py",
        "    if data is None and not doc.problems:",
        "    if False:",
        (f"{CASE}[yaml-empty-file]", f"{CASE}[yaml-comment-only-file]"),
    ),
    Mutant(
        "not-mapping",
        "a list or scalar document is an error",
        "src/factsite/schemacheck.py",
        "    if not isinstance(doc.data, dict):\n        kind",
        "    if False:\n        kind",
        (f"{CASE}[yaml-list-document]", f"{CASE}[yaml-scalar-document]"),
    ),
    Mutant(
        "multi-doc",
        "several documents in one file refused",
        "src/factsite/yamlload.py",
        "root = loader.get_single_node()",
        "root = loader.get_node()",
        (f"{CASE}[yaml-multiple-documents]",),
    ),
    Mutant(
        "size",
        "files over MAX_FILE_BYTES refused unread",
        "src/factsite/yamlload.py",
        "if size > MAX_FILE_BYTES:",
        "if False:",
        (f"{CASE}[file-size]",),
    ),
    Mutant(
        "depth",
        "nesting deeper than MAX_DEPTH refused",
        "src/factsite/yamlload.py",
        "if len(path) > MAX_DEPTH:",
        "if False:",
        (f"{CASE}[yaml-deep-nesting]",),
    ),
    Mutant(
        "autoescape",
        "Jinja autoescape of every text field",
        "src/factsite/render/environment.py",
        "autoescape=True",
        "autoescape=False",
        ("tests/test_render.py::test_text_fields_are_escaped",),
    ),
    Mutant(
        "front-matter",
        "title and description escaped in the page head",
        "src/factsite/render/pages.py",
        "json.dumps(html.escape(value), ensure_ascii=False)",
        "json.dumps(value, ensure_ascii=False)",
        ("tests/test_render.py::test_text_fields_are_escaped",),
    ),
    Mutant(
        "sanitizer",
        "analysis Markdown sanitized by nh3",
        "src/factsite/render/markdown.py",
        "    return nh3.clean(\n        html,",
        "    return html or nh3.clean(\n        html,",
        ("tests/test_render.py::test_analysis_markdown_is_sanitized",),
    ),
    Mutant(
        "url-scheme",
        "URLs must be http(s) with a host",
        "src/factsite/schema/fact.schema.json",
        '"pattern": "^https?://[A-Za-z0-9\\\\[]',
        '"pattern": "^(?:https?://)?[A-Za-z0-9\\\\[]?',
        (f"{CASE}[schema-url-javascript]", f"{CASE}[schema-url-scheme]", f"{CASE}[schema-url-no-host]"),
    ),
    Mutant(
        "symlink",
        "symbolic links leading outside facts/ refused",
        "src/factsite/files.py",
        "if not target.is_relative_to(folder.resolve()):",
        "if False:",
        ("tests/test_rules.py::test_symlink_leading_outside_the_facts_folder_is_refused",),
    ),
    Mutant(
        "file-name",
        "file names that are not ids refused",
        "src/factsite/rules/file_name.py",
        "if not ID_PATTERN.fullmatch(fact.id):",
        "if False:",
        (f"{CASE}[file-name]",),
    ),
    Mutant(
        "case-collision",
        "ids differing only in case refused",
        "src/factsite/rules/unique_id.py",
        "groups.setdefault(fact.id.casefold(), [])",
        "groups.setdefault(fact.id, [])",
        ("tests/test_rules.py::test_ids_that_differ_only_in_case_blame_the_misnamed_file",),
    ),
    Mutant(
        "stray-files",
        "non-fact files in facts/ reported",
        "src/factsite/files.py",
        '        return "only fact files (<id>.yml) belong',
        '        return None\n        return "only fact files (<id>.yml) belong',
        (f"{CASE}[fact-file-stray]",),
    ),
    Mutant(
        "site-autoescape",
        "every output of the real build escapes contributor text",
        "src/factsite/render/environment.py",
        "autoescape=True",
        "autoescape=False",
        ("tests/test_hostile_site.py",),
    ),
    Mutant(
        "site-sanitizer",
        "analysis links and markup sanitized in the real build",
        "src/factsite/render/markdown.py",
        "    return nh3.clean(\n        html,",
        "    return html or nh3.clean(\n        html,",
        ("tests/test_hostile_site.py",),
    ),
    Mutant(
        "invisible-url",
        "invisible characters are errors in URLs",
        "src/factsite/characters.py",
        "        is_strict = any(matches(path, pattern) for pattern in strict)",
        "        is_strict = False",
        (f"{CASE}[invisible-character]",),
    ),
    Mutant(
        "invisible-text",
        "invisible characters are warnings in text",
        "src/factsite/characters.py",
        "        if not found:\n            continue",
        "        if not found or not is_strict:\n            continue",
        (f"{CASE}[invisible-character]", f"{CASE}[vocabulary-invisible-character]"),
    ),
    Mutant(
        "printable-bidi",
        "bidi controls escaped in printed problems",
        "src/factsite/problems.py",
        "if unicodedata.category(char) in _HIDDEN else char",
        'if unicodedata.category(char) == "Cc" else char',
        ("tests/test_hostile_input.py",),
    ),
    Mutant(
        "mixed-script",
        "host labels that mix scripts refused",
        "src/factsite/hosts.py",
        "    mixed = mixed_scripts(shown)",
        "    mixed: set[str] = set()",
        (f"{CASE}[url-host]", "tests/test_hostile_input.py"),
    ),
    Mutant(
        "idna",
        "invalid or look-alike internationalised host names refused",
        "src/factsite/hosts.py",
        '    if label.startswith("xn--"):',
        '    if label.isascii() or True:\n        return None\n    if label.startswith("xn--"):',
        (f"{CASE}[url-host-look-alike-width]", "tests/test_hostile_input.py"),
    ),
    Mutant(
        "ip-host",
        "IP addresses refused as hosts",
        "src/factsite/hosts.py",
        '        return f"host {host} is an IP address',
        '        return None\n        return f"host {host} is an IP address',
        (f"{CASE}[url-host]",),
    ),
    Mutant(
        "local-host",
        "local and dotless host names refused",
        "src/factsite/hosts.py",
        "    if len(labels) < 2 or any(_is_suffix(host, suffix) for suffix in LOCAL_SUFFIXES):",
        "    if False:",
        (f"{CASE}[url-host]",),
    ),
    Mutant(
        "id-fullmatch",
        "a file name ending in a newline is not an id",
        "src/factsite/rules/file_name.py",
        "ID_PATTERN.fullmatch(fact.id)",
        "ID_PATTERN.match(fact.id)",
        ("tests/test_hostile_input.py",),
    ),
    Mutant(
        "schema-dollar",
        "schema patterns end at the end of the text, not before a final newline",
        "src/factsite/schemacheck.py",
        '            char = r"\\Z"',
        '            char = "$"',
        (f"{CASE}[schema-line-trailing-newline]",),
    ),
    Mutant(
        "staging",
        "the build is staged and swapped in only on success",
        "mkdocs.yml",
        "  - hooks/staging.py\n",
        "",
        ("tests/test_build_safety.py",),
    ),
    Mutant(
        "strict-count",
        "a strict-mode build with warnings is not swapped in",
        "hooks/staging.py",
        "    if _staged is not None and not _warnings.get_counts():",
        "    if _staged is not None:",
        ("tests/test_build_safety.py",),
    ),
    Mutant(
        "data-dates",
        "the gzipped sitemap dated from the facts, not the clock",
        "src/factsite/render/sitemeta.py",
        "gzip.compress(xml, compresslevel=9, mtime=mtime)",
        "gzip.compress(xml, compresslevel=9)",
        ("tests/test_build_safety.py",),
    ),
    Mutant(
        "tolerant-rules",
        "rules skip values of the wrong type instead of crashing",
        "src/factsite/rules/vocabulary.py",
        "for index, value in enumerate(values if isinstance(values, list) else ()):",
        "for index, value in enumerate(values):",
        ("tests/test_properties.py",),
    ),
    Mutant(
        "odd-keys",
        "mapping keys that are not text are problems",
        "src/factsite/yamlload.py",
        "            if not isinstance(key, str):",
        "            if key_node is None:",
        ("tests/test_yamlload.py", "tests/test_properties.py"),
    ),
    Mutant(
        "tag-values",
        "an explicit tag that does not fit its value is a problem",
        "src/factsite/yamlload.py",
        "        except (KeyError, ValueError):",
        "        except KeyError:",
        ("tests/test_properties.py",),
    ),
    Mutant(
        "bounded-read",
        "a huge file is refused without being read into memory",
        "src/factsite/yamlload.py",
        "raw = handle.read(MAX_FILE_BYTES + 1)",
        "raw = handle.read()",
        ("tests/test_hostile_input.py::test_a_huge_file_is_refused_without_reading_it",),
    ),
    Mutant(
        "non-regular",
        "pipes and devices in facts/ refused, not read",
        "src/factsite/files.py",
        "    if not path.is_file():",
        "    if False:",
        ("tests/test_hostile_input.py::test_a_pipe_in_the_facts_folder_is_refused_not_read",),
    ),
    Mutant(
        "analysis-hosts",
        "links in the analysis pass the host check",
        "src/factsite/rules/analysis_links.py",
        "                problem = host_problem(link)",
        "                problem = None",
        (f"{CASE}[analysis-links]",),
    ),
    Mutant(
        "analysis-schemes",
        "script, data and other links in the analysis are reported, not silently dropped",
        "src/factsite/rules/analysis_links.py",
        '            elif scheme not in ("", "mailto"):',
        "            elif False:",
        (f"{CASE}[analysis-links]", "tests/test_hostile_site.py::test_the_hostile_fact_is_valid"),
    ),
    Mutant(
        "github-escape",
        "GitHub annotations escape control and bidi characters",
        "src/factsite/reporters.py",
        "    return printable(text).replace(",
        "    return text.replace(",
        ("tests/test_hostile_input.py::test_github_annotations_cannot_be_forged_or_reordered",),
    ),
    Mutant(
        "host-chars",
        "hosts with characters no host name has (a backslash) refused",
        "src/factsite/hosts.py",
        '    if odd is not None or "" in labels:',
        "    if False:",
        ("tests/test_hostile_input.py",),
    ),
    Mutant(
        "site-links",
        "symbolic links leading out of docs/, vocab/ and overrides/ refused",
        "src/factsite/pipeline.py",
        "            report.extend(link_problems(layout.root / name, layout.root))",
        "            pass",
        ("tests/test_build_safety.py::test_links_out_of_the_site_inputs_are_refused_and_never_read",),
    ),
    Mutant(
        "vocab-unread",
        "a vocabulary that links outside vocab/ is never read",
        "src/factsite/vocab.py",
        "        if leads_outside(path, vocab_dir):",
        "        if False:",
        ("tests/test_build_safety.py::test_links_out_of_the_site_inputs_are_refused_and_never_read",),
    ),
    Mutant(
        "data-page-labels",
        "vocabulary labels escaped on the Data page",
        "src/factsite/render/datapage.py",
        'f"- [{_link_text(tag.label)}]',
        'f"- [{tag.label}]',
        ("tests/test_hostile_site.py::test_no_output_runs_contributor_text",),
    ),
    Mutant(
        "timelinejs-group",
        "TimelineJS group labels escaped",
        "src/factsite/render/datasets.py",
        '"group": html.escape(fact.tags[0].label),',
        '"group": fact.tags[0].label,',
        ("tests/test_hostile_site.py::test_no_output_runs_contributor_text",),
    ),
)


def run(mutant: Mutant, timeout: int) -> tuple[str, str]:
    with tempfile.TemporaryDirectory(prefix="mutant-") as scratch:
        copy = Path(scratch) / "repo"
        shutil.copytree(REPO, copy, symlinks=True, ignore=shutil.ignore_patterns(".venv", "site", ".git", "*cache*"))
        target = copy / mutant.file
        text = target.read_text(encoding="utf-8")
        if text.count(mutant.old) != 1:
            return "stale", f"{mutant.file}: the text to mutate occurs {text.count(mutant.old)} times"
        target.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(copy / "src")}
        try:
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *mutant.tests],
                cwd=copy,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return "killed", "timed out"
        last = (result.stdout.strip().splitlines() or [""])[-1]
        if result.returncode == 0:
            return "SURVIVED", last
        failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
        return "killed", failed[0][7:] if failed else last


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    survivors = 0
    print("| mutant | protection removed | result | failing test |")
    print("| --- | --- | --- | --- |")
    for mutant in chosen:
        verdict, detail = run(mutant, timeout=180)
        survivors += verdict != "killed"
        print(f"| {mutant.name} | {mutant.protection} | {verdict} | {detail[:110]} |", flush=True)
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
