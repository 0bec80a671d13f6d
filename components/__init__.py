"""Custom spaCy components of gunji, one module each.

Each module registers its factory with ``@Language.factory`` and is listed
under ``[project.entry-points.spacy_factories]`` so a config can name it
without ``--code``. Components depend on spaCy and their own data in
``components/data/``, never on ``pipeline/``.
"""
from .attributes import register_extensions

register_extensions()
