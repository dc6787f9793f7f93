"""Links from a fact page to the repository: report an error, edit the fact, see its history.

The repository address comes from the site configuration (``repo_url``, set by the
deploy workflow from ``FACTSITE_REPO_URL``); without it there are no such links, because
an invented address would send readers nowhere. The URL shapes are GitHub's,
and fact files are linked on the default branch, ``main``.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

DEFAULT_BRANCH = "main"


@dataclass(frozen=True)
class Repository:
    url: str
    """The repository's web address, without a trailing slash."""
    branch: str = DEFAULT_BRANCH

    @classmethod
    def from_config(cls, repo_url: str | None, branch: str = DEFAULT_BRANCH) -> Repository | None:
        """The repository named by the site configuration, or ``None`` when none is set.

        A ``repo_url`` that is not an http(s) address is refused with ValueError.
        """
        if not repo_url or not repo_url.strip():
            return None
        url = repo_url.strip().rstrip("/")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"repo_url {repo_url!r} is not an http(s) address of a repository")
        return cls(url, branch)

    def edit_url(self, path: str) -> str:
        return f"{self.url}/edit/{self.branch}/{_quote(path)}"

    def tree_url(self, path: str) -> str:
        """A folder of the repository on the default branch."""
        return f"{self.url}/tree/{self.branch}/{_quote(path)}"

    def history_url(self, path: str) -> str:
        return f"{self.url}/commits/{self.branch}/{_quote(path)}"

    def error_report_url(self, fact_id: str) -> str:
        """The "report an error" issue form, with the title and the fact already filled in."""
        fields = {"template": ERROR_REPORT_FORM, "title": f"Error in {fact_id}", "fact": fact_id}
        return f"{self.url}/issues/new?{urllib.parse.urlencode(fields, quote_via=urllib.parse.quote)}"


ERROR_REPORT_FORM = "report-an-error.yml"
"""The issue form in .github/ISSUE_TEMPLATE/ whose field ``fact`` the link fills in."""


def _quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/")
