"""Writing a Pagefind search bundle from records, through the Pagefind binary's service mode.

The site searched with Pagefind before it had its own index (`factsite.render.searchindex`);
`benchmarks.search` still builds a bundle to compare the two. ``pagefind_bin`` is a test
requirement for that, no longer the site's.

Pagefind (the ``pagefind`` and ``pagefind_bin`` packages) splits its index into small
chunks that the browser loads for the words typed, so a reader downloads a few tens of
KB for a first result however large the archive. Its Python API waits 0.1 s for every
record it adds (it polls the binary's answers), which is hours at 100,000 records; this
module speaks the same service protocol (base64 JSON messages, each ended by a comma,
answered in kind) to the binary from the wheel, sending every record at once while a
thread reads the answers. No network: the binary ships in the wheel.

Only what the browser uses is kept: Pagefind's own UI bundles are removed, and
``pagefind-entry.json`` is written again with its languages sorted (Pagefind writes
them in hash order, the one difference between two runs), so the same records give the
same bytes.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from factsite.catalog import Catalog
from factsite.i18n import _
from factsite.model import Fact

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces: the comparison has its own search box (benchmarks/pagefind_box/)."""
ENTRY = "pagefind-entry.json"


class PagefindError(RuntimeError):
    """The Pagefind binary is missing or refused a request."""


@dataclass(frozen=True)
class Record:
    """One search result: where it leads, the text it is found by, and what the result shows."""

    url: str
    """Relative to the bundle's site root (``facts/<id>/``); the search box adds the root."""
    content: str
    """Plain text; the search box shows results as text, never as HTML."""
    language: str
    meta: dict[str, str] = field(default_factory=dict)
    """Shown with the result: ``title`` at least."""


def executable() -> str:
    """The Pagefind binary from the ``pagefind_bin`` wheel."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError:
        raise PagefindError(
            "the Pagefind binary is missing: run `make install` (requirements.txt pins pagefind_bin)"
        ) from None
    return str(get_executable())


class _Service:
    """The binary in service mode: requests go out as they are made; a thread collects the answers."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.sent = 0
        self.answered = 0
        self.answers: dict[int, dict[str, Any]] = {}
        """Every answer but the many that only say a record was added."""
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()

    def _read(self, stream: IO[bytes] | None) -> None:
        assert stream is not None
        buffer = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                number, payload = answer.get("message_id") or 0, answer["payload"]
                if payload.get("type") != "IndexedFile":
                    self.answers[number] = payload
                self.answered = max(self.answered, number)

    def send(self, payload: dict[str, Any]) -> int:
        assert self.process.stdin is not None
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return self.sent

    def wait(self, message_id: int, timeout: float = 600.0) -> dict[str, Any]:
        """The answer to `message_id`: the binary answers in order, so every earlier one has come too."""
        assert self.process.stdin is not None
        self.process.stdin.flush()
        pause, waited = threading.Event(), 0.0
        while True:
            errors = [answer for answer in self.answers.values() if answer.get("type") == "Error"]
            if errors:
                raise PagefindError(f"Pagefind refused a request: {errors[0].get('message')}")
            if self.answered >= message_id:
                return self.answers[message_id]
            if not self.reader.is_alive() or waited > timeout:
                raise PagefindError(f"the Pagefind binary stopped answering (exit code {self.process.poll()})")
            pause.wait(0.01)
            waited += 0.01

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)  # it stops at the end of the binary's output
        if self.process.stdout is not None:
            self.process.stdout.close()


def write_bundle(records: Iterable[Record], folder: Path) -> None:
    """Index `records` and write the bundle into `folder` (replacing what was there)."""
    service = _Service()
    try:
        index = service.wait(service.send({"type": "NewIndex", "config": None}))["index_id"]
        for record in records:
            service.send(
                {
                    "type": "AddRecord",
                    "index_id": index,
                    "url": record.url,
                    "content": record.content,
                    "language": record.language,
                    "meta": record.meta,
                    "filters": None,
                    "sort": None,
                }
            )
        if folder.exists():
            shutil.rmtree(folder)
        service.wait(service.send({"type": "WriteFiles", "index_id": index, "output_path": str(folder.resolve())}))
    finally:
        service.close()
    for name in UNUSED:
        (folder / name).unlink(missing_ok=True)
    entry = folder / ENTRY
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_records(folder: Path) -> list[dict[str, Any]]:
    """The records a bundle holds, sorted by URL (each fragment: gzip of a ``pagefind_dcd`` mark and JSON)."""
    found = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return sorted(found, key=lambda record: str(record["url"]))


def pagefind_record(fact: Fact, url: str) -> Record:
    """A fact as the site indexed it for Pagefind: title, claim or summary, then claimant, verdict, tags and actors."""
    if fact.is_claim:
        assert fact.claimant is not None and fact.verdict is not None
        said, labels = fact.claim or "", [fact.claimant.name, fact.verdict.label]
        kind = fact.verdict.label
    else:
        said, labels = fact.summary or "", [_("Event")]
        kind = _("Event")
    labels += [*(t.label for t in fact.tags), *(a.label for a in fact.actors)]
    content = f"{fact.title}. {said} — {' · '.join(dict.fromkeys(labels))}"
    meta = {"title": fact.title, "date": fact.date.display(), "kind": kind}
    return Record(url, content, fact.language, meta)


def pagefind_records(catalog: Catalog, url_of: dict[str, str]) -> list[Record]:
    """Every published fact's record, in time order."""
    return [pagefind_record(fact, url_of[fact.src_uri]) for fact in catalog.published]
