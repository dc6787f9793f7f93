"""The GitHub integration checked into the repository: workflows, forms, hooks, owners.

Workflows are validated offline with check-jsonschema's bundled GitHub schemas and
linted with zizmor (``--offline``); pre-commit validates its own files. Each linter is
also shown a broken file, so that a passing run means something.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from factsite.review.rules import BASE_RULES

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
BIN = Path(sys.executable).parent


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=REPO, capture_output=True, text=True, check=False)


def _schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return _run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", f"vendor.{schema}", *files)


def _workflow(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_the_four_workflows_and_three_forms() -> None:
    assert [p.name for p in WORKFLOWS] == ["archive.yml", "deploy.yml", "pr.yml", "sources.yml"]
    assert [p.name for p in FORMS] == ["broken-source.yml", "report-an-error.yml", "suggest-a-claim.yml"]


def test_workflows_match_the_github_workflow_schema() -> None:
    result = _schema_check("github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_match_the_github_schemas() -> None:
    result = _schema_check("github-issue-forms", *FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = _schema_check("github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps: run-this\n", encoding="utf-8")
    assert _schema_check("github-workflows", broken).returncode == 1


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    result = _run(BIN / "zizmor", "--offline", "--no-progress", "--persona", "pedantic", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_template_injection(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "name: bad\non: pull_request_target\npermissions: {}\njobs:\n  x:\n    name: x\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    result = _run(BIN / "zizmor", "--offline", "--no-progress", bad)
    assert result.returncode != 0
    assert "template-injection" in result.stdout


def test_pre_commit_files_are_valid() -> None:
    pairs = (("validate-config", ".pre-commit-config.yaml"), ("validate-manifest", ".pre-commit-hooks.yaml"))
    for command, name in pairs:
        result = _run(BIN / "pre-commit", command, REPO / name)
        assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_run_the_check() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"]) for h in hooks] == [("factsite-check", "factsite check")]
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert local["repos"][0]["hooks"][0]["entry"] == "make check"


def test_workflows_run_the_commands_the_guides_document() -> None:
    readme = "\n".join((REPO / name).read_text(encoding="utf-8") for name in ("README.md", "CONTRIBUTING.md"))
    commands = [
        line.strip()
        for workflow in WORKFLOWS
        for step in _steps(yaml.safe_load(workflow.read_text(encoding="utf-8")))
        for line in step.get("run", "").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert commands
    missing = [command for command in commands if f"\n{command}\n" not in readme]
    assert not missing, f"README.md and CONTRIBUTING.md do not show these workflow commands: {missing}"


def test_pull_request_workflow_checks_against_the_base_and_uploads_the_site() -> None:
    workflow = _workflow("pr.yml")
    steps = _steps(workflow)
    runs = [step.get("run", "") for step in steps]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    assert runs.index('.venv/bin/factsite check --base "$BASE"') < runs.index("make build") < runs.index("make test")
    assert any('>> "$GITHUB_STEP_SUMMARY"' in run and "diff --base" in run for run in runs)
    build = next(step for step in steps if step.get("run") == "make build")
    assert build["env"] == {"FACTSITE_SITE_URL": "http://127.0.0.1:8000/"}, "the preview's address, set on purpose"
    fetch = runs.index('.venv/bin/factsite check-sources --changed --base "$BASE"')
    assert runs.index('.venv/bin/factsite check --base "$BASE"') < fetch < runs.index("make test")
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert workflow["jobs"]["review"]["env"]["BASE"] == "origin/${{ github.base_ref }}"


def test_only_the_pull_request_workflow_fetches_sources() -> None:
    """Fetching needs the network: the pull-request workflow does it, the test suite never."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "check-sources" not in test_recipe and "pytest" in test_recipe
    deploy = [step.get("run", "") for step in _steps(_workflow("deploy.yml"))]
    assert not any("check-sources" in run for run in deploy)


def test_deploy_workflow_sets_the_site_and_repository_urls() -> None:
    workflow = _workflow("deploy.yml")
    build = next(step for step in _steps(workflow) if step.get("run") == "make build")
    assert build["env"] == {
        "FACTSITE_SITE_URL": "${{ steps.pages.outputs.base_url }}/",
        "FACTSITE_REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "FACTSITE_REQUIRE_SITE_URL": "1",  # a missing or local address fails the build
    }
    assert _steps(workflow)[0]["with"]["fetch-depth"] == 0, "the feeds date entries from the whole history"
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as true


def test_scheduled_workflows_run_weekly_with_only_the_permissions_they_need() -> None:
    for name, permissions, script in (
        ("archive.yml", {"contents": "write", "pull-requests": "write"}, "scripts/propose-archive-links"),
        ("sources.yml", {"contents": "read", "issues": "write"}, "scripts/report-broken-sources"),
    ):
        workflow = _workflow(name)
        assert workflow["permissions"] == {}
        ((job_name, job),) = workflow["jobs"].items()
        assert job["permissions"] == permissions, job_name
        assert len(workflow[True]["schedule"]) == 1 and workflow[True]["schedule"][0]["cron"].endswith("* * 1")
        assert [step.get("run") for step in job["steps"]][-1] == script
        assert (REPO / script).stat().st_mode & 0o111
    runs = [step.get("run") for step in _steps(_workflow("archive.yml"))]
    assert runs.index(".venv/bin/factsite archive --save --write") < runs.index(".venv/bin/factsite check")


def test_codeowners_names_no_account_until_one_is_given() -> None:
    lines = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert lines and all(not line.strip() or line.startswith("#") for line in lines)


@pytest.mark.parametrize("rule", [rule.ID for rule in BASE_RULES])
def test_contributing_explains_every_review_rule(rule: str) -> None:
    assert f"`{rule}`" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
