"""Review against a base branch, on real temporary git repositories.

Each test commits the base project on ``main``, changes the working tree as a pull
request would, and runs ``factsite check --base main`` or ``factsite diff --base main``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import TODAY, CliRunner, write
from reviewrepo import BASE, edit, git, make_repo

from factsite.gitbase import GitError, read_tree
from factsite.review.similarity import DUPLICATE_THRESHOLD, text_similarity
from factsite.review.summary import SUMMARY_LIMIT

GOLDEN = Path(__file__).parent / "golden"
RELATIONS = "facts/1992-04-08--relations.yml"
MINISTERS = "facts/2022-09-05--ministers-meet.yml"
SCHOOLS = "facts/2022-09--schools.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "project")


def check_base(run_cli: CliRunner, root: Path, *more: str) -> tuple[int, str]:
    return run_cli("check", "--root", root, "--today", TODAY.isoformat(), "--format", "text", "--base", "main", *more)


def diff(run_cli: CliRunner, root: Path, *more: str) -> tuple[int, str]:
    return run_cli("diff", "--root", root, "--today", TODAY.isoformat(), "--base", "main", *more)


def new_fact_text(title: str, claim: str, date: str = "2022-09-05") -> str:
    text = (BASE / MINISTERS).read_text(encoding="utf-8").replace('\ndate: "2022-09-05"', f'\ndate: "{date}"')
    text = text.replace("claim_short: The foreign ministers agreed to double trade by 2025\n", "")
    text = text.replace("title: Foreign ministers meet in the capital for talks on trade", f"title: {title}")
    return text.replace(
        "claim: The two foreign ministers met in the capital and agreed to double trade by 2025.", f"claim: {claim}"
    )


PIPELINE = new_fact_text(
    "Pipeline deal signed after long negotiations", "A gas pipeline deal was signed in the capital.", "2023-05-09"
)
"""A new fact unlike any in the base."""


# --- no change, additions ----------------------------------------------------------------


def test_unchanged_tree_passes_and_says_so(run_cli: CliRunner, project: Path) -> None:
    assert check_base(run_cli, project) == (0, "no problems (3 fact files checked)\n")
    code, output = diff(run_cli, project)
    assert code == 0
    assert output.startswith("Fact changes against main (")
    assert ": no fact changed; no problems (3 fact files checked)\n" in output


def test_reformatting_is_not_a_change(run_cli: CliRunner, project: Path) -> None:
    edit(project / MINISTERS, "tags: [diplomacy]", "tags:\n  - diplomacy")
    assert "no fact changed" in diff(run_cli, project)[1]


def test_added_fact_passes(run_cli: CliRunner, project: Path) -> None:
    write(project / "facts/2023-05-09--pipeline-deal.yml", PIPELINE)
    assert check_base(run_cli, project)[0] == 0
    _, output = diff(run_cli, project)
    assert "1 added; no problems" in output
    assert "added 2023-05-09--pipeline-deal: Pipeline deal signed after long negotiations" in output


# --- possible duplicates -----------------------------------------------------------------


def test_similar_title_warns_possible_duplicate(run_cli: CliRunner, project: Path) -> None:
    text = new_fact_text(
        "Foreign ministers meet for trade talks in the capital", "A different claim about oil prices.", "2022-09-06"
    )
    write(project / "facts/2022-09-06--ministers-meet-again.yml", text)
    code, output = check_base(run_cli, project)
    assert code == 0, output
    assert (
        "facts/2022-09-06--ministers-meet-again.yml:3:8: warning: title: possible duplicate of "
        "2022-09-05--ministers-meet (facts/2022-09-05--ministers-meet.yml): its title is 97% similar; "
        "if it is the same claim, update that fact instead of adding this one [possible-duplicate]"
    ) in output
    assert check_base(run_cli, project, "--strict")[0] == 1


def test_similar_claim_warns_at_the_claim(run_cli: CliRunner, project: Path) -> None:
    text = new_fact_text(
        "Trade target announced",
        "The two foreign ministers met in the capital and agreed to double trade by 2026.",
        "2022-09-07",
    )
    write(project / "facts/2022-09-07--trade-target.yml", text)
    _, output = check_base(run_cli, project)
    assert "facts/2022-09-07--trade-target.yml:5:8: warning: claim: possible duplicate of 2022-09-05" in output


def test_different_fact_is_no_duplicate(run_cli: CliRunner, project: Path) -> None:
    write(project / "facts/2023-05-09--pipeline-deal.yml", PIPELINE)
    assert "possible-duplicate" not in check_base(run_cli, project)[1]


def test_two_new_look_alikes_are_reported_once(run_cli: CliRunner, project: Path) -> None:
    for slug in ("pipeline-deal", "pipeline-deal-signed"):
        text = new_fact_text(f"Pipeline deal signed {slug[-6:]}", "A gas pipeline deal was signed in the capital.")
        write(project / f"facts/2023-05-09--{slug}.yml", text.replace("2022-09-05", "2023-05-09"))
    _, output = check_base(run_cli, project)
    assert output.count("[possible-duplicate]") == 1
    warning = next(line for line in output.splitlines() if line.endswith("[possible-duplicate]"))
    assert warning.startswith("facts/2023-05-09--pipeline-deal-signed.yml:5:8: warning: claim: possible duplicate of ")


def test_similarity_ignores_word_order_case_and_punctuation() -> None:
    assert text_similarity("Russia and Tajikistan sign a treaty", "tajikistan, and RUSSIA sign a treaty!") == 100
    assert text_similarity("Talks in Moscow on trade", "Rain expected in Dushanbe") < DUPLICATE_THRESHOLD


# --- verdict, corrections, checked --------------------------------------------------------


def test_verdict_change_without_correction_fails_at_the_verdict_line(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "verdict: accurate", "verdict: inaccurate")
    edit(project / RELATIONS, 'checked: "2026-11-28"', 'checked: "2026-11-30"')
    code, output = check_base(run_cli, project, "--today", "2026-11-30")
    assert code == 1
    assert output == (
        "facts/1992-04-08--relations.yml:13:10: error: verdict: verdict changed from 'accurate' to 'inaccurate' "
        "without a new corrections entry; add one under corrections: with the date and what changed and why "
        "[verdict-correction]\n"
        "1 error and 0 warnings in 1 file (3 fact files checked)\n"
    )


def test_verdict_change_with_correction_and_new_checked_date_passes(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "verdict: accurate", "verdict: inaccurate")
    edit(project / RELATIONS, 'checked: "2026-11-28"', 'checked: "2026-11-30"')
    edit(
        project / RELATIONS,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-30"\n    note: The verdict is now inaccurate.\n',
    )
    code, output = check_base(run_cli, project, "--today", "2026-11-30")
    assert code == 0, output


def test_verdict_change_needs_checked_to_move_forward(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "verdict: accurate", "verdict: inaccurate")
    edit(
        project / RELATIONS,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-28"\n    note: The verdict is now inaccurate.\n',
    )
    same_day = check_base(run_cli, project, "--today", "2026-11-28")
    assert same_day[0] == 0, "corrected on the day it was checked: checked cannot move yet"
    code, output = check_base(run_cli, project, "--today", "2026-11-30")
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/1992-04-08--relations.yml:42:10: error: checked: the verdict changed, so checked must move forward "
        "from 2026-11-28; set it to the day the evidence was checked again [checked-forward]"
    )


def test_conclusion_change_needs_checked_to_move_forward(run_cli: CliRunner, project: Path) -> None:
    edit(project / MINISTERS, "but the trade target", "but the trade goal")
    code, output = check_base(run_cli, project, "--today", "2026-11-30")
    assert code == 1
    assert "ministers-meet.yml:24:10: error: checked: the conclusion changed, so checked must move forward" in output
    edit(project / MINISTERS, 'checked: "2026-11-28"', 'checked: "2026-11-29"')
    assert check_base(run_cli, project, "--today", "2026-11-29")[0] == 0


def test_checked_never_moves_back(run_cli: CliRunner, project: Path) -> None:
    edit(project / MINISTERS, 'checked: "2026-11-28"', 'checked: "2026-11-01"')
    code, output = check_base(run_cli, project)
    assert code == 1
    assert (
        "ministers-meet.yml:24:10: error: checked: checked moved back from 2026-11-28 to 2026-11-01; "
        "it only moves forward" in output
    )


def test_other_edits_need_no_new_checked_date(run_cli: CliRunner, project: Path) -> None:
    edit(project / MINISTERS, "title: The ministers meet", "title: The ministers meet in the capital")
    assert check_base(run_cli, project)[0] == 0


def test_rewording_a_correction_fails_at_the_entry(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "Added the second source.", "Added a second source.")
    code, output = check_base(run_cli, project)
    assert code == 1
    assert "relations.yml:44:5: error: corrections[0]: corrections entry 1 of the published fact was changed" in output


def test_removing_a_correction_fails_at_the_list(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, '  - date: "2026-11-28"\n    note: Added the second source.\n', "  []\n")
    code, output = check_base(run_cli, project)
    assert code == 1
    assert "relations.yml:43:1: error: corrections: corrections entry 1 of the published fact was removed" in output


def remove_factbox(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("in the capital [1][2].", "in the capital [1].")
    start, end = text.index("  - url: https://paper.example.net/factbox"), text.index("tags:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_removing_a_source_from_a_published_fact_needs_a_correction(run_cli: CliRunner, project: Path) -> None:
    remove_factbox(project / RELATIONS)
    code, output = check_base(run_cli, project)
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/1992-04-08--relations.yml:19:1: error: sources: a source was removed from the published fact "
        "without a new corrections entry: https://paper.example.net/factbox (line 29 on the base branch); add one "
        "under corrections: with the date, the source and why it was removed [source-removal-correction]"
    )
    assert (project / RELATIONS).read_text(encoding="utf-8").splitlines()[18] == "sources:"
    edit(
        project / RELATIONS,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-28"\n    note: Removed the factbox; it gave no date.\n',
    )
    assert check_base(run_cli, project)[0] == 0


def test_moving_a_source_to_a_new_url_is_no_removal(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "url: https://paper.example.net/factbox", "url: https://paper.example.net/factbox-1992")
    assert check_base(run_cli, project)[0] == 0
    _, output = diff(run_cli, project)
    assert "  Sources: 1 changed\n    Changed https://paper.example.net/factbox-1992 · Example Paper · " in output
    assert "      url: from https://paper.example.net/factbox to https://paper.example.net/factbox-1992\n" in output


def test_withdrawing_needs_no_correction_for_its_sources(run_cli: CliRunner, project: Path) -> None:
    remove_factbox(project / RELATIONS)
    withdraw(project / RELATIONS)
    assert "[source-removal-correction]" not in check_base(run_cli, project)[1]


# --- withdrawal, deletion, rename --------------------------------------------------------


def withdraw(path: Path) -> None:
    edit(
        path,
        "status: published\n",
        'status: withdrawn\nwithdrawal:\n  date: "2026-11-28"\n'
        "  reason: The meeting it describes did not take place.\n",
    )


def test_withdrawal_passes_and_is_summarised(run_cli: CliRunner, project: Path) -> None:
    withdraw(project / MINISTERS)
    assert check_base(run_cli, project)[0] == 0
    _, output = diff(run_cli, project)
    assert "1 withdrawn; no problems" in output
    assert "  status: from published to withdrawn" in output
    assert "  withdrawal: set to 2026-11-28: The meeting it describes did not take place." in output


def reinstate(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("status: withdrawn")] + "status: published\n", encoding="utf-8")


def test_reinstating_needs_a_correction(run_cli: CliRunner, project: Path) -> None:
    reinstate(project / SCHOOLS)
    code, output = check_base(run_cli, project)
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/2022-09--schools.yml:23:9: error: status: the withdrawn fact is published again without a new "
        "corrections entry; add one under corrections: with the date and why it is back [reinstate-correction]"
    )
    assert "1 reinstated;" in diff(run_cli, project)[1]
    with (project / SCHOOLS).open("a", encoding="utf-8") as handle:
        handle.write('corrections:\n  - date: "2026-11-28"\n    note: Published again; it is not a duplicate.\n')
    assert check_base(run_cli, project)[0] == 0


def test_unloadable_file_is_listed_with_its_problems(run_cli: CliRunner, project: Path) -> None:
    edit(project / MINISTERS, "verdict: needs-context", "verdict: [needs-context")
    code, output = check_base(run_cli, project)
    assert code == 1
    assert "[yaml-syntax]" in output
    _, summary = diff(run_cli, project)
    assert "changed 2022-09-05--ministers-meet\n" in summary
    assert "  Fields not compared: a version of the file does not load (see its problems)\n" in summary


def test_deleting_a_fact_fails_at_its_path(run_cli: CliRunner, project: Path) -> None:
    (project / MINISTERS).unlink()
    code, output = check_base(run_cli, project)
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/2022-09-05--ministers-meet.yml:1:1: error: fact '2022-09-05--ministers-meet' is on the site and "
        "cannot be deleted; restore the file (git checkout main -- facts/2022-09-05--ministers-meet.yml) and "
        "withdraw it instead: status: withdrawn, with withdrawal: {date, reason} [no-delete]"
    )


def test_deleting_a_withdrawn_fact_fails_too(run_cli: CliRunner, project: Path) -> None:
    (project / SCHOOLS).unlink()
    edit(project / RELATIONS, "related: [2022-09--schools]\n", "")
    code, output = check_base(run_cli, project)
    assert code == 1
    assert "facts/2022-09--schools.yml:1:1: error: fact '2022-09--schools' is on the site" in output


def test_committed_deletion_is_caught_too(run_cli: CliRunner, project: Path) -> None:
    git(project, "checkout", "-q", "-b", "pr")
    git(project, "rm", "-q", MINISTERS)
    git(project, "commit", "-q", "-m", "delete")
    assert "[no-delete]" in check_base(run_cli, project)[1]


def test_renaming_a_fact_fails(run_cli: CliRunner, project: Path) -> None:
    git(project, "mv", MINISTERS, "facts/2022-09-05--foreign-ministers-meet.yml")
    code, output = check_base(run_cli, project)
    assert code == 1
    assert output.splitlines()[0] == (
        "facts/2022-09-05--foreign-ministers-meet.yml:1:1: error: this is fact '2022-09-05--ministers-meet' "
        "renamed (100% the same content); an id is a permanent URL: rename the file back to "
        "2022-09-05--ministers-meet.yml [no-rename]"
    )
    _, summary = diff(run_cli, project)
    assert "1 renamed;" in summary
    assert "Renamed from 2022-09-05--ministers-meet (100% the same content)" in summary


def test_rename_with_small_edits_is_still_a_rename(run_cli: CliRunner, project: Path) -> None:
    git(project, "mv", MINISTERS, "facts/2022-09-05--foreign-ministers-meet.yml")
    edit(project / "facts/2022-09-05--foreign-ministers-meet.yml", "talks on trade", "trade talks")
    _, output = diff(run_cli, project)
    assert "1 renamed;" in output
    assert "  title: from Foreign ministers meet in the capital for talks on trade to " in output


def test_replacing_a_fact_with_another_is_a_deletion_and_an_addition(run_cli: CliRunner, project: Path) -> None:
    (project / MINISTERS).unlink()
    text = (project / RELATIONS).read_text(encoding="utf-8").replace('"1992-04-08"', '"2023-05-09"', 1)
    write(project / "facts/2023-05-09--pipeline-deal.yml", text.replace("related: [2022-09--schools]\n", ""))
    _, output = diff(run_cli, project)
    assert "1 added, 1 deleted;" in output


# --- what is checked, and errors of use ----------------------------------------------------


def test_check_base_of_one_file_reports_only_that_file(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "verdict: accurate", "verdict: inaccurate")
    (project / MINISTERS).unlink()
    code, output = check_base(run_cli, project, project / RELATIONS)
    assert code == 1
    assert "[no-delete]" not in output
    assert "[verdict-correction]" in output


def test_github_format_annotates_the_verdict_line(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "verdict: accurate", "verdict: inaccurate")
    edit(project / RELATIONS, 'checked: "2026-11-28"', 'checked: "2026-11-30"')
    _, output = check_base(run_cli, project, "--format", "github", "--today", "2026-11-30")
    assert output.startswith("::error file=facts/1992-04-08--relations.yml,line=13,col=10,title=verdict-correction")


def test_github_format_annotates_the_changed_files_and_lists_other_warnings(run_cli: CliRunner, project: Path) -> None:
    # GitHub shows ten annotations of a kind per step: untouched files' warnings must not crowd out the change's.
    edit(project / SCHOOLS, 'accessed: "2026-11-28"', 'accessed: "2026-11-28"\n    quote: Школы открыты')
    edit(project / MINISTERS, 'accessed: "2026-11-28"', 'accessed: "2026-11-28"\n    quote: Министры встретились')
    git(project, "commit", "-qam", "two warnings on the base")
    edit(project / RELATIONS, "language: ru", "language: ru\n    quote: Отношения установлены")
    _, output = check_base(run_cli, project, "--format", "github")
    annotations = [line for line in output.splitlines() if line.startswith("::")]
    assert annotations and all(RELATIONS in line for line in annotations), annotations
    assert "2 warnings on files this change does not touch:" in output
    assert f"{SCHOOLS}:" in output and f"{MINISTERS}:" in output


def test_unknown_ref_is_a_usage_error(run_cli: CliRunner, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_cli("check", "--root", project, "--base", "origin/nope")
    assert (code, output) == (2, "")
    assert "'origin/nope' is not a commit in this repository; fetch it first" in capsys.readouterr().err


def test_option_like_ref_is_refused(project: Path) -> None:
    with pytest.raises(GitError, match="not a git ref"):
        read_tree(project, "--output=x", ("facts",))


def test_outside_a_repository_is_a_usage_error(
    run_cli: CliRunner, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(BASE, tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))  # ignored: --root decides
    code, _ = run_cli("diff", "--root", tmp_path / "plain", "--base", "main")
    assert code == 2
    assert "is not inside a git repository" in capsys.readouterr().err


STATE = (("status", "--porcelain"), ("rev-parse", "HEAD"), ("diff", "--cached"), ("stash", "list"))


def test_the_working_tree_and_index_are_left_alone(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "verdict: accurate", "verdict: inaccurate")
    git(project, "add", RELATIONS)
    (project / MINISTERS).unlink()
    before = [git(project, *args) for args in STATE]
    check_base(run_cli, project)
    diff(run_cli, project)
    after = [git(project, *args) for args in STATE]
    assert before == after
    assert "verdict: inaccurate" in (project / RELATIONS).read_text(encoding="utf-8")


def test_project_in_a_subfolder_of_the_repository(run_cli: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_repo(repo / "site")
    shutil.move(repo / "site" / ".git", repo / ".git")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move")
    (repo / "site" / MINISTERS).unlink()
    code, output = check_base(run_cli, repo / "site")
    assert code == 1
    assert output.startswith("facts/2022-09-05--ministers-meet.yml:1:1: error:")


def test_unknown_link_placeholder_is_a_usage_error(
    run_cli: CliRunner, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = diff(run_cli, project, "--link-pattern", "https://preview.example/{slug}")
    assert code == 2
    assert "unknown placeholder {slug} in the link pattern; use {id}, {path}, {url}" in capsys.readouterr().err


# --- the summary ------------------------------------------------------------------------------


def pull_request(root: Path) -> None:
    """A pull request that does everything at once: the golden summary's input."""
    relations = root / RELATIONS
    edit(relations, "verdict: accurate", "verdict: mostly-accurate")
    edit(relations, 'checked: "2026-11-28"', 'checked: "2026-11-30"')
    edit(relations, "tags: [diplomacy]", "tags: [diplomacy, education]")
    edit(
        relations,
        "The protocol was signed in the capital [1][2].",
        "The protocol was signed in the capital, Dushanbe [1][2].",
    )
    edit(
        relations,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-30"\n'
        "    note: Mostly accurate, not accurate; the factbox gave the wrong day.\n",
    )
    text = relations.read_text(encoding="utf-8")
    start, end = text.index("  - url: https://paper.example.net/factbox"), text.index("tags:")
    relations.write_text(
        text[:start]
        + "  - url: https://archive.example.org/protocol\n    publisher: Example Archive\n"
        + '    title: The protocol\n    published: "1992-04-08"\n    accessed: "2026-11-30"\n'
        + "    archive_url: https://web.archive.example.org/2026/https://archive.example.org/protocol\n"
        + text[end:],
        encoding="utf-8",
    )
    withdraw(root / MINISTERS)
    (root / SCHOOLS).unlink()
    edit(relations, "related: [2022-09--schools]\n", "")
    write(
        root / "facts/2022-09-06--ministers-meet-again.yml",
        new_fact_text(
            "Foreign ministers meet for trade talks in the capital", "A claim about <b>@someone</b> | x.", "2022-09-06"
        ),
    )
    with (root / "vocab/tags.yml").open("a", encoding="utf-8") as handle:
        handle.write("trade:\n  label: Trade\n  description: Trade and investment between the countries.\n")


LATER = ("--today", "2026-11-30")
"""The golden pull request re-checks a fact on 30 November."""


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _stable(output: str, root: Path) -> str:
    commit = git(root, "rev-parse", "--short=7", "main").strip()
    return output.replace(commit, "abc1234")


def test_markdown_summary_golden(run_cli: CliRunner, project: Path) -> None:
    pull_request(project)
    code, output = diff(
        run_cli, project, "--format", "markdown", "--link-pattern", "https://preview.example/{url}", *LATER
    )
    assert code == 0
    assert_golden("review-diff-all.md", _stable(output, project))


def test_text_summary_golden(run_cli: CliRunner, project: Path) -> None:
    pull_request(project)
    code, output = diff(run_cli, project, *LATER)
    assert code == 0
    assert_golden("review-diff-all.txt", _stable(output, project))


# --- the reviewer's pull request: a verdict change with a correction, and a near-duplicate ---------


def reviewers_base(root: Path) -> None:
    """The base branch of the reviewer's pull request: an unverified fact, pages that list facts, and
    warnings in files the pull request will not touch."""
    edit(root / MINISTERS, "verdict: needs-context", "verdict: unverified")
    edit(root / RELATIONS, "related: [2022-09--schools]", "related: [2022-09--schools, 2022-09-05--ministers-meet]")
    for path in (RELATIONS, SCHOOLS):
        text = (root / path).read_text(encoding="utf-8")
        (root / path).write_text(re.sub(r"    archive_url: .*\n", "", text), encoding="utf-8")
    write(
        root / "docs/index.md",
        "# Home\n\n<!-- factsite: verdict-counts -->\n\n<!-- factsite: latest-checks count=2 -->\n",
    )
    write(
        root / "docs/source-article.md",
        "# The source article\n\n<!-- factsite: findings appearance=https://news.example.org/2022/ministers -->\n",
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the reviewer's base")


CORRECTION = "The verdict is now inaccurate: the ministry's record of the talks names no trade target."


def reviewers_pull_request(root: Path) -> None:
    """The pull request the issue describes: unverified -> inaccurate with a correction, plus a near-copy."""
    edit(root / MINISTERS, "verdict: unverified", "verdict: inaccurate")
    edit(root / MINISTERS, 'checked: "2026-11-28"', 'checked: "2026-12-04"')
    edit(
        root / MINISTERS,
        "status: published\n",
        f'corrections:\n  - date: "2026-12-04"\n    note: "{CORRECTION}"\nstatus: published\n',
    )
    text = new_fact_text(
        "Foreign ministers meet in the capital for trade talks", "The ministers agreed to double trade."
    )
    text = text.replace(
        "sources:\n",
        "sources:\n  - url: https://wire.example.com/2022/09/05/ministers\n    publisher: Example Wire\n"
        '    title: Ministers talk trade\n    published: "2022-09-05"\n    accessed: "2026-12-04"\n'
        "    kind: secondary\n    language: en\n    quote: The ministers said trade should double.\n",
    )
    write(root / "facts/2022-09-05--ministers-talk-trade.yml", text)


REVIEWER_TODAY = ("--today", "2026-12-04")


@pytest.fixture
def reviewed(project: Path) -> Path:
    reviewers_base(project)
    reviewers_pull_request(project)
    return project


def test_reviewers_summary_golden(run_cli: CliRunner, reviewed: Path) -> None:
    code, output = diff(
        run_cli, reviewed, "--format", "markdown", "--link-pattern", "https://preview.example/{url}", *REVIEWER_TODAY
    )
    assert code == 0
    assert_golden("review-diff.md", _stable(output, reviewed))
    sections = output.split("\n### ")
    # Nothing about untouched files beyond one line per rule.
    elsewhere = next(section for section in sections if section.startswith("Elsewhere"))
    assert [line for line in elsewhere.splitlines() if line.startswith("- ")] == [
        "- `source-archive`: 3 warnings in 2 files"
    ]
    assert "facts/2022-09--schools.yml" not in output
    # The correction quoted as text with its date, not as data.
    changed = next(section for section in sections if section.startswith("Changed: `2022-09-05--ministers-meet`"))
    assert f"- New correction, 4 December 2026:\n  > {CORRECTION}\n" in changed
    assert '"note"' not in output and "[{" not in output
    # The verdict change first in its section, as badges.
    assert changed.splitlines()[2] == "**Verdict change:** <kbd>Unverified</kbd> → <kbd>Inaccurate</kbd>"
    # The pages the verdict change shows on.
    for page in (
        "Verdict: Inaccurate [`/verdicts/inaccurate/`](<https://preview.example/verdicts/inaccurate/>): adds it",
        "Verdict: Unverified [`/verdicts/unverified/`](<https://preview.example/verdicts/unverified/>): drops it",
        "Home [`/`](<https://preview.example/>): verdict counts change; latest checks lists it",
        "The source article [`/source-article/`](<https://preview.example/source-article/>): findings lists it",
        "Diplomatic relations are established [`/facts/1992-04-08--relations/`]"
        "(<https://preview.example/facts/1992-04-08--relations/>): names it as related",
    ):
        assert f"  - {page}\n" in changed, page
    # The new entry's sources, whole, and its likeness to the changed one.
    added = next(section for section in sections if section.startswith("Added: `2022-09-05--ministers-talk-trade`"))
    assert (
        "  - **Added** `https://wire.example.com/2022/09/05/ministers` · Example Wire · “Ministers talk trade” · "
        "published 5 September 2022 · secondary source · no archived copy · in `en`\n"
        "    > The ministers said trade should double.\n"
        "    - **New host** `wire.example.com`: no fact on the base branch cites it" in added
    )
    assert "  - **Added** `https://gov.example.org/ministers-meet` · Example Ministry" in added
    assert "[`possible-duplicate`]" in added


def test_reviewers_summary_as_text_golden(run_cli: CliRunner, reviewed: Path) -> None:
    code, output = diff(run_cli, reviewed, *REVIEWER_TODAY)
    assert code == 0
    assert_golden("review-diff.txt", _stable(output, reviewed))


def test_reviewers_pull_request_passes_the_check_with_warnings(run_cli: CliRunner, reviewed: Path) -> None:
    code, output = check_base(run_cli, reviewed, *REVIEWER_TODAY)
    assert code == 0, output
    warnings = sorted(line.rsplit(" [", 1)[1] for line in output.splitlines() if ": warning: " in line)
    # The pull request's own file in full; the untouched files' warnings as one line per rule.
    assert warnings == ["possible-duplicate]", "source-archive]", "source-citation]"]
    assert "3 sources elsewhere have no archived copy" in output


def test_check_base_on_the_golden_pull_request(run_cli: CliRunner, project: Path) -> None:
    pull_request(project)
    code, output = check_base(run_cli, project, *LATER)
    assert code == 1
    rules = sorted({line.rsplit("[", 1)[1] for line in output.splitlines() if line.endswith("]")})
    assert rules == ["no-delete]", "possible-duplicate]"]


def test_markdown_escapes_contributor_text(run_cli: CliRunner, project: Path) -> None:
    pull_request(project)
    _, output = diff(run_cli, project, "--format", "markdown")
    assert "<b>" not in output
    assert "\\<b\\>@\u2060someone\\</b\\> \\| x." in output


def test_every_review_rule_has_an_id_and_a_contributor_docstring() -> None:
    from factsite.review.rules import BASE_RULES

    ids = [rule.ID for rule in BASE_RULES]
    assert len(ids) == len(set(ids)) == 9
    for rule in BASE_RULES:
        assert rule.__doc__ and rule.__doc__.startswith(f"{rule.ID}: "), rule.__name__


def test_long_lists_get_a_line_per_item(run_cli: CliRunner, project: Path) -> None:
    with (project / "vocab/tags.yml").open("a", encoding="utf-8") as handle:
        for term in ("trade", "energy", "migration", "security"):
            handle.write(f"{term}:\n  label: {term.title()}\n  description: About {term}.\n")
    _, text = diff(run_cli, project)
    assert text.endswith(
        "vocabularies\n  tags: 4 added\n    added energy (Energy: About energy.)\n"
        "    added migration (Migration: About migration.)\n    added security (Security: About security.)\n"
        "    added trade (Trade: About trade.)\n"
    )
    _, markdown = diff(run_cli, project, "--format", "markdown")
    assert "- `tags`: 4 added\n  - added energy (Energy: About energy.)\n" in markdown


def test_like_problems_are_collapsed_only_within_one_file() -> None:
    from factsite.problems import Problem
    from factsite.review.summary import _grouped

    same = ("related-exists", "related[0]", "no fact has the id 'x'")
    problems = [
        Problem("facts/a.yml", 3, 5, *same),
        Problem("facts/a.yml", 9, 5, *same),
        Problem("facts/b.yml", 4, 5, *same),
    ]
    groups = _grouped(problems)
    assert [(first.path, [p.line for p in rest]) for first, rest in groups] == [
        ("facts/a.yml", [9]),
        ("facts/b.yml", []),
    ]


# --- the summary fits GitHub's job summary ---------------------------------------------------


def _many_facts(root: Path, count: int, sources: int = 1, quote: str = "") -> list[Path]:
    """`count` facts a day apart in 2023, each with `sources` sources quoting `quote`."""
    template = (BASE / MINISTERS).read_text(encoding="utf-8")
    start, end = template.index("sources:\n"), template.index("tags:")
    paths = []
    for number in range(count):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=number)
        listed = "".join(
            f"  - url: https://gov.example.org/{number}/{index}\n    publisher: Example Ministry\n"
            f'    title: Record {number}.{index}\n    published: "{day}"\n    accessed: "2026-11-28"\n'
            f"    archive_url: https://web.archive.example.org/{number}/{index}\n    kind: primary\n"
            + (f"    language: en\n    quote: {quote}\n" if quote else "")
            for index in range(sources)
        )
        text = template[:start] + "sources:\n" + listed + template[end:]
        text = text.replace('date: "2022-09-05"', f'date: "{day}"', 1).replace(
            "title: Foreign ministers meet in the capital for talks on trade", f"title: Entry number {number} of many"
        )
        paths.append(
            write(root / f"facts/{day}--entry-{number}.yml", text.replace("claim: The two", f"claim: {number}"))
        )
    return paths


def _markdown(run_cli: CliRunner, root: Path) -> str:
    code, output = diff(run_cli, root, "--format", "markdown", "--link-pattern", "https://preview.example/{url}")
    assert code == 0
    return output


def test_a_pull_request_changing_200_entries_fits_the_job_summary_whole(run_cli: CliRunner, project: Path) -> None:
    paths = _many_facts(project, 200)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "200 facts")
    note = "The verdict is now inaccurate; " + "the ministry's own record of the talks says otherwise. " * 4
    for path in paths:
        edit(path, "verdict: needs-context", "verdict: inaccurate")
        edit(path, "but the trade target", "and the trade goal")
        edit(
            path,
            "status: published\n",
            f'corrections:\n  - date: "2026-11-28"\n    note: "{note}"\nstatus: published\n',
        )
        edit(
            path,
            "tags:",
            f"  - url: https://new.example.net/{path.stem}\n    publisher: Example Paper\n"
            f'    title: Another record\n    published: undated\n    accessed: "2026-11-28"\n    language: en\n'
            f"    quote: {'A quoted passage. ' * 30}\ntags:",
        )
    output = _markdown(run_cli, project)
    assert output.count("\n### Changed: ") == 200
    assert output.count("**Verdict change:**") == 200
    assert "shortened" not in output
    size = len(output.encode("utf-8"))
    assert 200_000 < size <= SUMMARY_LIMIT < 1024 * 1024, size


def test_a_larger_summary_is_shortened_and_says_so(run_cli: CliRunner, project: Path) -> None:
    _many_facts(project, 200, sources=20, quote="A long quoted passage from the record. " * 50)
    output = _markdown(run_cli, project)
    size = len(output.encode("utf-8"))
    assert size <= SUMMARY_LIMIT, size
    kept = output.count("\n### Added: ")
    assert 0 < kept < 200
    assert (
        "**This summary is shortened** to stay under GitHub's job summary limit of 1 MiB: the sections of the last "
        f"{200 - kept} of 200 facts are left out."
    ) in output
    assert output.count("| Added |") == 200, "the table still lists every fact"
    assert output.index("**This summary is shortened**") < output.index("### Added: ")


# --- a date change and the timeline; kinds ------------------------------------------------------


def test_a_new_date_says_where_the_entry_moves_on_the_timeline(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, 'date: "1992-04-08"', 'date: "1992-04-09"')
    _, output = diff(run_cli, project)
    assert (
        "  date: from 8 April 1992 to 9 April 1992; stays in its place on the timeline (1992, at the start, before "
        in output
    )
    edit(project / RELATIONS, 'date: "1992-04-09"', 'date: "2022-09-06"')
    _, output = diff(run_cli, project)
    assert (
        "  date: from 8 April 1992 to 6 September 2022; moves on the timeline from 1992 to 2022, "
        "after 2022-09-05--ministers-meet, at the end\n"
    ) in output
    edit(project / RELATIONS, 'date: "2022-09-06"', 'date: "1993-04-08"')
    _, output = diff(run_cli, project)
    assert (
        "  date: from 8 April 1992 to 8 April 1993; moves on the timeline from 1992 to 1993, at the start, "
        "before 2022-09-05--ministers-meet\n"
    ) in output, "the same neighbours, but another year's section"
    withdraw(project / RELATIONS)
    assert "; not on the timeline (withdrawn)\n" in diff(run_cli, project)[1]


def test_moving_within_a_year_names_the_old_neighbours(run_cli: CliRunner, project: Path) -> None:
    write(
        project / "facts/2022-09-01--early.yml",
        new_fact_text("An early entry", "Something else entirely.", "2022-09-01"),
    )
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "an early entry")
    edit(project / MINISTERS, '\ndate: "2022-09-05"', '\ndate: "2022-08-30"')
    _, output = diff(run_cli, project)
    assert (
        "  date: from 5 September 2022 to 30 August 2022; moves on the timeline within 2022, "
        "after 1992-04-08--relations, before 2022-09-01--early (it was after 2022-09-01--early, at the end)\n"
    ) in output


def refile_as_event(path: Path) -> None:
    """The fact rewritten as an event (format v2): a summary and no claim, claimant, appearance or verdict."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^claim(_short)?: .*\n|^claimant: .*\n|^verdict: .*\n|^conclusion: .*\n", "", text, flags=re.M)
    text = re.sub(r"^appearance:\n(  .*\n)+", "", text, flags=re.M)
    path.write_text(text.replace("kind: claim\n", "kind: event\nsummary: The ministers met in the capital.\n"))


def test_a_kind_change_is_the_headline_and_an_event_has_no_verdict(run_cli: CliRunner, project: Path) -> None:
    text = (project / MINISTERS).read_text(encoding="utf-8")
    if "\nkind: claim\n" not in text:  # format v1 has no kind; write it as v2 does
        (project / MINISTERS).write_text(text.replace("\ntitle: ", "\nkind: claim\ntitle: ", 1), encoding="utf-8")
        git(project, "commit", "-qam", "kind: claim")
    refile_as_event(project / MINISTERS)
    _, markdown = diff(run_cli, project, "--format", "markdown")
    section = markdown.split("### Changed: `2022-09-05--ministers-meet`\n\n", 1)[1]
    assert section.startswith(
        "**Kind change:** <kbd>claim</kbd> → <kbd>event</kbd>\n\n"
        "**Verdict change:** <kbd>Needs context</kbd> → <kbd>none (event)</kbd>\n\n"
    )
    assert (
        "| Changed | `2022-09-05--ministers-meet`<br>Foreign ministers meet in the capital for talks on trade "
        "| 5 September 2022 | none (event) |" in markdown
    )
    assert "- `summary`: set to The ministers met in the capital.\n" in section
    assert "- Date: 5 September 2022 · Verdict: **none (event)** · " in section
    assert "  - Verdict: Needs context `/verdicts/needs-context/`: drops it\n" in section
    _, text_output = diff(run_cli, project)
    assert "  Kind change: [claim] → [event]\n  Verdict change: [Needs context] → [none (event)]\n" in text_output


def test_sources_and_corrections_reach_the_summary_escaped(run_cli: CliRunner, project: Path) -> None:
    edit(project / RELATIONS, "publisher: Example Paper", 'publisher: "<img src=x onerror=alert(1)> @team"')
    edit(project / RELATIONS, "Протокол подписан 8 апреля 1992 года.", '"</kbd> #1 [x](javascript:alert(1))"')
    edit(
        project / RELATIONS,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-28"\n    note: "<script>alert(1)</script> @all"\n',
    )
    _, markdown = diff(run_cli, project, "--format", "markdown")
    for raw in ("<img", "<script", "</kbd>", "](javascript", "@team", "@all", "#1"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), markdown), raw
    assert "\\<img src=x onerror=alert(1)\\> @\u2060team" in markdown
    assert "  > \\<script\\>alert(1)\\</script\\> @\u2060all\n" in markdown


@pytest.mark.parametrize("limit", [4000, 1500, 700])
def test_any_limit_is_kept_and_the_shortening_is_said(project: Path, limit: int) -> None:
    from factsite.pipeline import Layout
    from factsite.review.check import review_against
    from factsite.review.summary import format_markdown

    pull_request(project)
    review = review_against(Layout.of(project), "main", today=dt.date(2026, 11, 30))
    whole = format_markdown(review)
    assert len(whole.encode("utf-8")) > 4000 and "shortened" not in whole
    short = format_markdown(review, limit=limit)
    assert len(short.encode("utf-8")) <= limit
    assert short.startswith("## Fact changes against ") and "**This summary is shortened**" in short


# --- claims and events -------------------------------------------------------------------

AS_EVENT = (
    "kind: event\n"
    "title: Diplomatic relations are established\n"
    'date: "1992-04-08"\n'
    "summary: The two countries establish diplomatic relations by signing a protocol in the capital.\n"
)
"""The head of RELATIONS re-filed as an event: its claim, claimant, appearance, verdict and conclusion go."""


def as_event(project: Path) -> None:
    text = (project / RELATIONS).read_text(encoding="utf-8")
    start, end = text.index("kind: claim\n"), text.index("analysis: |")
    (project / RELATIONS).write_text(text[:start] + AS_EVENT + text[end:], encoding="utf-8")


def test_claim_turned_event_needs_a_correction_at_the_kind_line(run_cli: CliRunner, project: Path) -> None:
    as_event(project)
    code, output = check_base(run_cli, project)
    assert code == 1
    assert output.startswith(
        "facts/1992-04-08--relations.yml:2:7: error: kind: kind changed from claim to event, so the entry loses its "
        "verdict 'accurate' without a new corrections entry; add one under corrections: with the date and what "
        "changed and why [verdict-correction]\n"
    )


def test_claim_turned_event_with_a_correction_shows_the_reviewer_both_sides(run_cli: CliRunner, project: Path) -> None:
    as_event(project)
    edit(
        project / RELATIONS,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-28"\n'
        "    note: Re-filed as an event; it had been rated as a claim.\n",
    )
    assert check_base(run_cli, project)[0] == 0
    code, output = diff(run_cli, project)
    assert code == 0, output
    assert "changed 1992-04-08--relations" in output
    for change in (
        "\n  Kind change: [claim] → [event]\n  Verdict change: [Accurate] → [none (event)]\n",
        "  summary: set to The two countries establish diplomatic relations by signing a protocol in the capital.\n",
        "  claimant: removed (was Example News Agency)\n",
        "  Verdict: Accurate /verdicts/accurate/: drops it\n",
    ):
        assert change in output, output


def test_event_date_change_needs_a_correction(run_cli: CliRunner, project: Path) -> None:
    as_event(project)
    edit(
        project / RELATIONS,
        "    note: Added the second source.\n",
        '    note: Added the second source.\n  - date: "2026-11-28"\n    note: Re-filed as an event.\n',
    )
    git(project, "commit", "-qam", "re-file as an event")
    edit(project / RELATIONS, 'date: "1992-04-08"\nsummary', 'date: "1992-04-09"\nsummary')
    _, output = check_base(run_cli, project)
    assert "relations.yml:4:7: error: date: the event's date changed without a new corrections entry" in output


def test_a_new_event_shows_its_summary_and_no_verdict(run_cli: CliRunner, project: Path) -> None:
    path = write(project / "facts/2022-09-06--talks-held.yml", (project / MINISTERS).read_text(encoding="utf-8"))
    edit(path, '\ndate: "2022-09-05"', '\ndate: "2022-09-06"')
    edit(path, "title: Foreign ministers meet in the capital for talks on trade", "title: Talks are held")
    refile_as_event(path)
    _, output = diff(run_cli, project, "--format", "markdown")
    assert "| 6 September 2022 | none (event) | none |" in output
    assert "- Summary: The ministers met in the capital.\n" in output
    assert "- Claim:" not in output and "/verdicts/" not in output


def test_a_new_correction_shows_on_the_corrections_pages(run_cli: CliRunner, project: Path) -> None:
    write(project / "docs/corrections.md", "# Corrections\n\n<!-- factsite: corrections-log -->\n")
    write(project / "docs/index.md", "# Home\n\n<!-- factsite: latest-corrections count=1 -->\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "pages")
    edit(
        project / MINISTERS,
        "status: published\n",
        'corrections:\n  - date: "2026-11-29"\n    note: Fixed.\nstatus: published\n',
    )
    _, output = diff(run_cli, project)
    assert "    Corrections /corrections/: corrections log adds it\n" in output
    assert "    Home /: latest corrections add it\n" in output
    git(project, "checkout", "-q", "--", ".")
    edit(project / RELATIONS, "related: [2022-09--schools]\n", "")
    _, output = diff(run_cli, project)
    assert "/corrections/" not in output and "Home /" not in output, "no new correction, no change to the log"


# --- translations ------------------------------------------------------------------------

RUSSIAN = (
    "translations:\n"
    "  ru:\n"
    "    title: Министры иностранных дел встречаются в столице на переговорах о торговле\n"
    "    claim_short: Министры иностранных дел договорились удвоить торговлю к 2025 году\n"
    "    conclusion: Министры встретились, но цель по торговле была поставлена в более раннем соглашении.\n"
)
"""A Russian translation of MINISTERS, committed on the base branch by `translated`."""

STALE = (
    "facts/2022-09-05--ministers-meet.yml:13:13: warning: conclusion: conclusion changed but its Russian "
    "translation did not: the translation may be out of date; update translations.ru.conclusion (or leave it "
    "and say why in the pull request) [translation-stale]"
)


@pytest.fixture
def translated(project: Path) -> Path:
    """The base project with MINISTERS translated into Russian, committed on ``main``."""
    with (project / MINISTERS).open("a", encoding="utf-8") as handle:
        handle.write(RUSSIAN)
    git(project, "commit", "-qam", "translate")
    return project


def reword_conclusion(root: Path) -> None:
    """MINISTERS' conclusion reworded, and checked moved to TODAY, as the checked-forward rule asks."""
    edit(root / MINISTERS, "but the trade target", "but the trade goal")
    edit(root / MINISTERS, 'checked: "2026-11-28"', f'checked: "{TODAY.isoformat()}"')


def test_an_english_change_without_its_translation_warns_at_the_english_field(
    run_cli: CliRunner, translated: Path
) -> None:
    reword_conclusion(translated)
    code, output = check_base(run_cli, translated)
    assert code == 0, output
    assert STALE in output.splitlines()
    assert output.count("[translation-stale]") == 1
    assert check_base(run_cli, translated, "--strict")[0] == 1


def test_the_reviewer_sees_the_stale_translation_in_the_summary(run_cli: CliRunner, translated: Path) -> None:
    reword_conclusion(translated)
    _, output = diff(run_cli, translated, "--format", "markdown")
    section = next(part for part in output.split("\n### ") if part.startswith("Changed: `2022-09-05--ministers-meet`"))
    assert (
        "- **warning** `facts/2022-09-05--ministers-meet.yml:13:13` conclusion: conclusion changed but its Russian "
        "translation did not: the translation may be out of date; update translations.ru.conclusion (or leave it "
        "and say why in the pull request) [`translation-stale`]\n"
    ) in section
    assert "- 1 possibly outdated translation: does each still say what the English says?\n" in output
    _, text = diff(run_cli, translated)
    assert STALE in text


def test_an_english_change_with_its_translation_passes(run_cli: CliRunner, translated: Path) -> None:
    reword_conclusion(translated)
    edit(translated / MINISTERS, "цель по торговле", "задача по торговле")
    code, output = check_base(run_cli, translated)
    assert code == 0, output
    assert "translation-stale" not in output


def test_a_translation_changed_alone_passes(run_cli: CliRunner, translated: Path) -> None:
    edit(translated / MINISTERS, "цель по торговле", "задача по торговле")
    code, output = check_base(run_cli, translated)
    assert code == 0, output
    assert "translation-stale" not in output


def test_an_entry_without_a_translation_has_none_to_update(run_cli: CliRunner, translated: Path) -> None:
    edit(translated / RELATIONS, "title: Diplomatic relations are established", "title: Relations are established")
    edit(translated / RELATIONS, "so 2022 was the 30th", "so 2022 was the thirtieth")
    edit(translated / RELATIONS, 'checked: "2026-11-28"', f'checked: "{TODAY.isoformat()}"')
    code, output = check_base(run_cli, translated)
    assert code == 0, output
    assert "translation-stale" not in output


def test_each_stale_field_is_named_at_its_own_line(run_cli: CliRunner, translated: Path) -> None:
    edit(translated / MINISTERS, "title: Foreign ministers meet", "title: The foreign ministers meet")
    edit(translated / MINISTERS, "claim_short: The foreign ministers agreed", "claim_short: The ministers agreed")
    code, output = check_base(run_cli, translated)
    assert code == 0, output
    stale = [line for line in output.splitlines() if line.endswith("[translation-stale]")]
    assert [line.split(": warning: ")[0] for line in stale] == [
        "facts/2022-09-05--ministers-meet.yml:3:8",
        "facts/2022-09-05--ministers-meet.yml:6:14",
    ]
    assert "update translations.ru.title " in stale[0] and "update translations.ru.claim_short " in stale[1]
