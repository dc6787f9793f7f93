"""``mkdocs serve --dirty`` (``make serve``) rebuilds when a fact file changes (the live-reload promise of the README).

A dirty rebuild re-renders only what changed, so every page that shows the edited fact
must be among them: its own page, its neighbour's pager, the timeline, its tag's page
and the search index.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import TODAY

FACT_ID = "1992-04-08--diplomatic-relations"
NEXT_ID = "1992-05-04--russian-embassy-dushanbe"
TAG = "diplomacy"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, needle: str, deadline: float, absent: str | None = None) -> str:
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=max(0.1, min(2, deadline - time.monotonic()))) as response:
                last = response.read().decode("utf-8")
            if needle in last and (absent is None or absent not in last):
                return last
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"{needle!r} did not appear at {url}" + (f" without {absent!r}" if absent else ""))


def _serve(
    project: Path, port: int, log: Path | None = None, flags: tuple[str, ...] = ("--dirty",)
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "FACTSITE_TODAY": TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    with log.open("wb") if log else open(os.devnull, "wb") as out:  # the server keeps its own handle
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_editing_a_fact_rebuilds_the_served_page(project_copy: Path, tmp_path: Path) -> None:
    """The saved entry's page is previewed before the full rebuild (factsite.mkdocsadapter.liveedit),
    which then brings every other page that shows it up to date."""
    port = _free_port()
    log = tmp_path / "serve.log"
    server = _serve(project_copy, port, log)
    try:
        url = f"http://127.0.0.1:{port}/facts/{FACT_ID}/"
        page = _wait_for(url, "livereload", time.monotonic() + 60)
        assert "Russia and Tajikistan establish diplomatic relations" in page
        fact = project_copy / "facts" / f"{FACT_ID}.yml"
        text = fact.read_text(encoding="utf-8")
        fact.write_text(
            text.replace("title: Russia and Tajikistan establish diplomatic relations", "title: Edited while serving"),
            encoding="utf-8",
        )
        deadline = time.monotonic() + 60
        _wait_for(url, "Edited while serving", deadline)
        base = f"http://127.0.0.1:{port}/"
        for page in (f"facts/{NEXT_ID}/", "timeline/", f"tags/{TAG}/"):
            _wait_for(base + page, "Edited while serving", deadline)
        # Every build writes the whole search index anew (tests/test_search_index.py).
        with urllib.request.urlopen(base + "search/index.json", timeout=5) as response:
            assert json.loads(response.read())["entries"] > 1
        while "Reloading browsers" not in log.read_text(encoding="utf-8"):  # pages are served during the rebuild
            assert time.monotonic() < deadline, "the full rebuild did not finish"
            time.sleep(0.25)
        lines = log.read_text(encoding="utf-8").splitlines()
        previewed = [n for n, line in enumerate(lines) if f"Previewed facts/{FACT_ID}.yml" in line]
        rebuilt = [n for n, line in enumerate(lines) if "Reloading browsers" in line]
        assert previewed and rebuilt and previewed[0] < rebuilt[0], "previewed first, then rebuilt in full"
        assert "Watching paths for changes: 'docs', 'mkdocs.yml', 'vocab'" in log.read_text(encoding="utf-8"), (
            "MkDocs polls the rest; the facts folder is watched through file events"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_broken_entry_never_hangs_the_server(project_copy: Path, tmp_path: Path) -> None:
    """While a file is broken, every page answers at once, listing the problem as path:line:col;
    a new broken entry gets a page of its problems; fixing the file brings the normal pages back."""
    port = _free_port()
    log = tmp_path / "serve.log"
    server = _serve(project_copy, port, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + f"facts/{FACT_ID}/", "livereload", time.monotonic() + 60)
        fact = project_copy / "facts" / f"{FACT_ID}.yml"
        good = fact.read_text(encoding="utf-8")
        fact.write_text(good.replace("verdict: accurate", "verdict: acurate"), encoding="utf-8")
        new = project_copy / "facts" / "2022-09-09--never-good.yml"
        new.write_text('title: "unclosed\n', encoding="utf-8")
        where = f"facts/{FACT_ID}.yml:{_line_of(good, 'verdict: accurate')}:10: error: verdict: "
        started = time.monotonic()
        page = _wait_for(base + "timeline/", where, started + 3)  # an answer, within 3 s, naming the problem
        assert "did you mean &#39;accurate&#39;?" in page
        assert "Russia and Tajikistan establish diplomatic relations" in _get(base + f"facts/{FACT_ID}/"), (
            "the last good page is still served"
        )
        problems = _get(base + "facts/2022-09-09--never-good/")
        assert "facts/2022-09-09--never-good.yml:1:8: error: YAML syntax: quoted text is never closed" in problems
        fact.write_text(good, encoding="utf-8")
        new.unlink()
        page = _wait_for(base + "timeline/", "livereload", time.monotonic() + 30, absent="fs-problems")
        assert "Russia and Tajikistan establish diplomatic relations" in page
        assert "Previewed" not in log.read_text(encoding="utf-8"), (
            "no preview of a broken file, nor while the last check failed: the full check reports and shows it"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_plain_serve_rebuilds_as_mkdocs_does(project_copy: Path, tmp_path: Path) -> None:
    """Without --dirty, each rebuild empties the site folder first, so nothing is previewed or served meanwhile."""
    port = _free_port()
    log = tmp_path / "serve.log"
    server = _serve(project_copy, port, log, flags=())
    try:
        url = f"http://127.0.0.1:{port}/facts/{FACT_ID}/"
        _wait_for(url, "livereload", time.monotonic() + 60)
        fact = project_copy / "facts" / f"{FACT_ID}.yml"
        fact.write_text(
            fact.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Plainly edited ", 1), encoding="utf-8"
        )
        _wait_for(url, "Plainly edited", time.monotonic() + 60)
        text = log.read_text(encoding="utf-8")
        assert "Previewed" not in text and "'facts'" in text, "MkDocs polls the facts folder and rebuilds in full"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=3) as response:
        return str(response.read().decode("utf-8"))


def test_problem_pages_only_for_new_entries_with_page_names_and_escaped() -> None:
    from factsite.mkdocsadapter.serving import problem_pages
    from factsite.problems import Problem

    def problem(path: str, message: str = "bad") -> Problem:
        return Problem(path, 2, 7, "schema", "title", message)

    problems = [
        problem("facts/2022-09-09--new.yml", "<script>alert(1)</script>"),
        problem("facts/1992-04-08--diplomatic-relations.yml"),
        problem("facts/<img src=x>.yml"),
        problem("facts/.hidden.yml"),
        problem("vocab/tags.yml"),
    ]
    pages = list(problem_pages(problems, known={"1992-04-08--diplomatic-relations"}))
    assert [page.src_uri for page in pages] == ["facts/2022-09-09--new.md"]
    assert "facts/2022-09-09--new.yml:2:7: error: title: &lt;script&gt;" in pages[0].html
    assert "<script>" not in pages[0].html
