"""The quality gates' runners: third-party checkers over a built site.

Each module runs one tool that no one on the team wrote (linkchecker, the Nu HTML checker,
Lighthouse, axe-core) over the site served on 127.0.0.1, and turns the tool's output into
findings that name the page and the problem, so the tests and the benchmark share one way
of running it. They are tooling of this repository, beside ``benchmarks/``, not part of the
``factsite`` package a site installs: a build never runs them.
"""
