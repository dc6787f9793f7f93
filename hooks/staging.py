"""MkDocs hook: build into a staging folder and swap it in only on success.

A thin adapter over `factsite.mkdocsadapter.staging.StagingHook`, which runs after every
other hook so their output is staged too.
"""

from factsite.mkdocsadapter.staging import StagingHook

_hook = StagingHook()

on_startup = _hook.on_startup
on_config = _hook.on_config
on_post_build = _hook.on_post_build
on_build_error = _hook.on_build_error
