"""url-host: every URL leads to a real, public host that reads as what it is.

Beyond the schema's ``http(s)://`` and host: the port is a number, the host is a public
domain name (not an IP address, ``localhost`` or a local network name), an
internationalised name is valid IDNA, and no label of the host mixes scripts the way a
look-alike address does (a Cyrillic "а" among Latin letters).

PASS: ``https://www.mid.ru/ru/``, ``https://xn--d1abbgf6aiiy.xn--p1ai/``
FAIL: ``https://tаss.ru/`` (Cyrillic "а"), ``http://127.0.0.1/``, ``https://intranet/``
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.hosts import host_problem
from factsite.problems import Problem
from factsite.rules.base import RuleContext, values_at
from factsite.schema import url_paths

ID = "url-host"


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for path, url in values_at(fact.data, url_paths()):
        problem = host_problem(url) if isinstance(url, str) else None
        if problem:
            yield fact.doc.problem(ID, path, problem)
