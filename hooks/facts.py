"""MkDocs hook: the facts of ``facts/`` checked, then published as generated pages.

A thin adapter: MkDocs calls these events of one `FactsHook`, which lives in the core
package (``factsite.mkdocsadapter``) with everything else it does. MkDocs never reloads a
hook under ``mkdocs serve``, so restart ``serve`` after changing Python code.
"""

from factsite.mkdocsadapter.hook import FactsHook

_hook = FactsHook()

on_startup = _hook.on_startup
on_config = _hook.on_config
on_files = _hook.on_files
on_nav = _hook.on_nav
on_env = _hook.on_env
on_page_markdown = _hook.on_page_markdown
on_page_content = _hook.on_page_content
on_page_context = _hook.on_page_context
on_post_page = _hook.on_post_page
on_post_build = _hook.on_post_build
on_build_error = _hook.on_build_error
on_serve = _hook.on_serve
on_shutdown = _hook.on_shutdown
