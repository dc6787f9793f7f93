"""factsite: load, validate, model and render a timeline of sourced fact checks.

The package is plain Python: it imports neither MkDocs nor a CLI framework, so the
MkDocs hook (``hooks/facts.py``), the ``factsite`` command and the tests all run the
same pipeline (`factsite.pipeline.check_project`).
"""

__version__ = "0.1.0"
