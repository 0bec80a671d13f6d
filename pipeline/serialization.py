"""Make srsly's msgpack cheap to set up, once per process.

Every ``srsly.msgpack_dumps``/``msgpack_loads`` builds a Packer/Unpacker that
asks the catalogue registries ``msgpack_encoders``/``msgpack_decoders`` for
all their functions. ``get_all`` re-reads the installed packages' entry
points (``importlib.metadata.entry_points()``) and scans the whole catalogue
registry on every call: about 0.4-1 ms, and ``DocBin.add`` makes six such calls
per doc (user data, each span group, the span groups), ``Doc.to_bytes`` and
``from_bytes`` more. Profiled on the fast pipeline, writing the shards took
44% of ``gunji annotate``'s time, nearly all of it here.

``freeze_msgpack_registries`` loads the entry points once, registers them like
any other function (so nothing installed is lost), stops the per-call
entry-point scan, and caches ``get_all`` until the catalogue registry changes
(any ``register`` call anywhere grows or changes it). The bytes written are
the same; only the setup is shared. Called by the batch writer, the stream and
the Dask workers; forked ``nlp.pipe`` workers inherit it.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Dict

logger = logging.getLogger(__name__)

_FROZEN_FLAG = "_gunji_frozen"


def _cached_get_all(registry: Any) -> Callable[[], Dict[str, Any]]:
    import catalogue

    original = type(registry).get_all
    state: Dict[str, Any] = {"key": None, "value": None}

    def get_all() -> Dict[str, Any]:
        key = (len(catalogue.REGISTRY), registry.entry_points)
        if state["key"] != key:
            state["value"], state["key"] = original(registry), key
        return state["value"]

    return get_all


def freeze_msgpack_registries() -> None:
    """Load msgpack encoder/decoder entry points once and cache the registries' lookups (idempotent)."""
    try:
        from srsly import msgpack
    except ImportError:  # pragma: no cover - srsly comes with spaCy
        return
    for registry in (msgpack.msgpack_encoders, msgpack.msgpack_decoders):
        if getattr(registry, _FROZEN_FLAG, False):
            continue
        if registry.entry_points:
            for name, func in registry.get_entry_points().items():
                registry.register(name, func=func)
            registry.entry_points = False
        registry.get_all = _cached_get_all(registry)
        setattr(registry, _FROZEN_FLAG, True)
    logger.debug("srsly msgpack registries frozen")
