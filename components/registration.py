"""Registering our factories so that two copies of this code can live in one environment.

gunji's components reach spaCy in two ways: the ``gunji`` distribution
registers them through ``spacy_factories`` entry points, and a pipeline
package built with ``spacy package --code`` (``ja_gunji``) carries flat copies
of the same modules and registers them when it is imported. With both
installed, as the README's retraining workflow leaves them, spaCy's
``Language.factory`` meets the same factory name twice from two files and
raises E004, so ``spacy.load("ja_gunji")`` fails in every process: the
package's registration itself makes spaCy load the distribution's entry point
first.

``factory`` wraps ``Language.factory``: when a factory of that name is
already registered by the same function in another copy of this code (same
qualified name, same module name), the first registration stands and the
second is skipped with a log line. Any other clash still raises E004.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from spacy.language import Language
from spacy.util import registry

logger = logging.getLogger(__name__)


def _registered(name: str) -> Optional[Callable]:
    """The factory registered under ``name`` (an entry point is loaded on the way), or None."""
    try:
        if not Language.has_factory(name):
            return None
        return registry.factories.get(Language.get_factory_name(name))
    except (AttributeError, ImportError, ValueError, LookupError):
        # an entry point naming a module that is being imported right now: nothing registered yet
        return None


def _twin(a: Callable, b: Callable) -> bool:
    """Whether ``a`` and ``b`` are the same factory function in two copies of this code."""
    return (getattr(a, "__qualname__", None) == getattr(b, "__qualname__", "")
            and getattr(a, "__module__", "").rsplit(".", 1)[-1] == getattr(b, "__module__", "").rsplit(".", 1)[-1])


def factory(name: str, **kwargs: Any) -> Callable[[Callable], Callable]:
    """``Language.factory(name, **kwargs)``, tolerant of this factory's twin in another copy of gunji."""
    register = Language.factory(name, **kwargs)

    def decorator(func: Callable) -> Callable:
        existing = _registered(name)
        if existing is not None and existing is not func and _twin(existing, func):
            logger.info("factory %r is already registered by %s; %s is not registered again",
                        name, existing.__module__, func.__module__)
            return func
        return register(func)

    return decorator
