"""The fast config for end-to-end tests, or, while components are missing, the part of it that exists.

``configs/fast.cfg`` names every gunji component. Where a factory is not
importable yet (a component still being written), tests run on a copy of the
config without those components and say so with a warning in the test report,
so nothing is skipped silently. Once every factory is importable the shipped
config is used as it is.
"""
from __future__ import annotations

import warnings
from importlib.metadata import entry_points
from pathlib import Path
from typing import List, Set, Tuple

import spacy
from spacy.util import load_config

from configs import FAST_CONFIG


def _entry_point_factories() -> Set[str]:
    """Factories a fresh ``gunji`` process can find: the ``spacy_factories`` entry points that load.

    Checked this way, not with ``Language.has_factory``, because a test in this
    process may have imported a component module the entry points do not name
    yet; the ``gunji annotate`` subprocesses would then fail to find it.
    """
    found = set()
    for point in entry_points(group="spacy_factories"):
        try:
            point.load()
        except Exception:  # noqa: BLE001 - a half-written component must not break other tests
            continue
        found.add(point.name)
    return found


def missing_factories(config_path: Path = FAST_CONFIG) -> List[str]:
    """Components of ``config_path`` whose factory is neither spaCy's own nor an entry point that loads."""
    config = load_config(config_path, interpolate=False)
    available = _entry_point_factories()
    missing = []
    for name in config["nlp"]["pipeline"]:
        factory = config["components"].get(name, {}).get("factory")
        if factory and factory not in available and not _builtin_factory(factory):
            missing.append(name)
    return missing


def _builtin_factory(factory: str) -> bool:
    """Whether spaCy or GiNZA itself provides ``factory`` (not a gunji component)."""
    func = spacy.registry.factories.get_all().get(factory)
    return func is not None and getattr(func, "__module__", "").split(".")[0] in ("spacy", "ginza")


def fast_config_for_tests(tmp_dir: Path) -> Tuple[Path, List[str]]:
    """``configs/fast.cfg``, or a copy in ``tmp_dir`` without the components that do not exist yet.

    Returns:
        The config path and the names of the components left out (empty: the shipped config).
    """
    missing = missing_factories(FAST_CONFIG)
    if not missing:
        return FAST_CONFIG, []
    warnings.warn(f"configs/fast.cfg: factories not importable yet, tested without {', '.join(missing)}",
                  stacklevel=2)
    config = load_config(FAST_CONFIG, interpolate=False)
    config["nlp"]["pipeline"] = [n for n in config["nlp"]["pipeline"] if n not in missing]
    for name in missing:
        del config["components"][name]
    path = Path(tmp_dir) / "fast-available.cfg"
    config.to_disk(path, interpolate=False)
    return path, missing
