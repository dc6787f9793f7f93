"""Running third-party checkers over a built site.

Each module runs one tool that no one on the team wrote (linkchecker, and later others)
over the site served on 127.0.0.1, and turns the tool's output into findings that name
the page and the problem, so the tests, the benchmark and the opt-in commands share one
way of running it.
"""
