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
from typing import Dict, Mapping, Optional, Tuple, Union

from spacy.util import ensure_path

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
