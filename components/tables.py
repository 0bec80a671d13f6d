"""The data files a rule component reads, and how they travel with a saved pipeline.

Every gunji recogniser is driven by tables (TSV/JSONL) that ship in
``components/data``. A factory config may point at other files; ``to_disk``
copies the tables in use next to the component, and ``from_disk`` reads them
back from there, so a pipeline saved by ``nlp.to_disk`` or ``spacy package``
carries its own knowledge and does not depend on where it was built.

One subtlety decides the shape of this module: ``spacy.load`` first builds
each component from its config and only then calls ``from_disk``. A packaged
pipeline built with ``spacy package --code components`` holds our modules as
flat copies with no ``data/`` folder beside them, so reading the default
tables in the constructor would fail before ``from_disk`` could supply them.
The constructor therefore reads the tables only when they exist, an
explicitly configured path that does not exist is an error at once, and a
component whose tables were never found says so clearly when first called.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import ensure_path

from .batching import BatchedPipe

DATA_DIR = Path(__file__).parent / "data"

PathLike = Union[str, Path]


class Tables:
    """Paths of one component's data files, keyed by the file name saved with the pipeline.

    Args:
        component (str): The component name, for error messages.
        files (Mapping[str, Optional[PathLike]]): File name (as saved by
            ``to_disk``) → configured path, or ``None`` for the packaged default.
    """

    def __init__(self, component: str, files: Mapping[str, Optional[PathLike]]) -> None:
        self.component = component
        self.paths: Dict[str, Path] = {}
        for name, configured in files.items():
            if configured:
                path = Path(configured)
                if not path.exists():
                    raise FileNotFoundError(f"{component}: data file {path} (for {name}) does not exist")
                self.paths[name] = path
            else:
                self.paths[name] = DATA_DIR / name

    def __getitem__(self, name: str) -> Path:
        return self.paths[name]

    @property
    def available(self) -> bool:
        """Whether every table can be read now."""
        return all(path.exists() for path in self.paths.values())

    def missing_error(self) -> RuntimeError:
        """The error for a component used before any of its tables were found."""
        missing = ", ".join(str(p) for p in self.paths.values() if not p.exists())
        return RuntimeError(f"{self.component}: data tables not found ({missing}); pass the paths in "
                            "the factory config or load the component with from_disk")

    def to_disk(self, path: PathLike) -> None:
        """Copy every table into the directory ``path`` (a no-op for a table already there)."""
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, source in self.paths.items():
            target = folder / name
            if target.exists() and target.samefile(source):
                continue
            shutil.copyfile(source, target)

    def from_disk(self, path: PathLike) -> Tuple[str, ...]:
        """Point at the tables saved in the directory ``path``; returns the names found there."""
        folder = ensure_path(path)
        found = tuple(name for name in self.paths if (folder / name).exists())
        for name in found:
            self.paths[name] = folder / name
        return found


class TablePipe(BatchedPipe):
    """The plumbing every table-driven gunji component shares (as ``SpanRuler`` has its own).

    A subclass sets ``vocab``/``name``, calls ``_init_tables`` in its
    constructor and implements ``_load`` (read ``self.tables`` into lookup
    structures), ``find`` (what one doc holds) and ``set_annotations`` (write
    it). Calling, saving and loading are then the same for all of them.
    """

    tables: Tables
    _loaded: bool = False

    def _init_tables(self, files: Mapping[str, Optional[PathLike]]) -> None:
        """Resolve the data files and read them now if they exist (else ``from_disk`` will)."""
        self.tables = Tables(self.name, files)
        self._loaded = False
        if self.tables.available:
            self._reload()

    def _reload(self) -> None:
        self._load()
        self._loaded = True

    def _load(self) -> None:
        raise NotImplementedError

    def find(self, doc: Doc) -> Any:
        """What ``doc`` holds for this component, in the form ``set_annotations`` takes."""
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: Any) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if not self._loaded:
            raise self.tables.missing_error()
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.find(doc))
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's error-handler contract
            error_handler(self.name, self, [doc], e)
            return doc

    def to_disk(self, path: PathLike, *, exclude: Iterable[str] = tuple()) -> None:
        """Copy the data tables in use into the directory ``path``."""
        self.tables.to_disk(path)

    def from_disk(self, path: PathLike, *, exclude: Iterable[str] = tuple()) -> "TablePipe":
        """Read the data tables saved in the directory ``path`` (the packaged ones where absent)."""
        self.tables.from_disk(path)
        if not self.tables.available:
            raise self.tables.missing_error()
        self._reload()
        return self

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Example]]] = None, *,
                   nlp: Optional[Language] = None) -> None:
        """Nothing to learn: the tables are read in the constructor or by ``from_disk``."""
