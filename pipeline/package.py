"""``spacy package`` for gunji: an installable pipeline that carries our components' code.

    python -m pipeline.package training/gunji_both packages --name gunji --version 0.1.0 \\
        --code components --build wheel

This runs spaCy's own ``spacy package`` (``spacy.cli.package.package``) with
two things settled first:

- **Code with relative imports.** ``--code`` files are copied flat into the
  package, whose generated ``__init__.py`` does ``from . import a``; so our
  modules import each other relatively (``from .attributes import ...``). But
  ``spacy package`` first imports every code file on its own
  (``spacy.util.import_file(stem, path)``), where a relative import fails
  ("attempted relative import with no known parent package"). Here each file
  is imported as a member of a private package made of the files' folders,
  exactly as the built package will import it.
- **Requirements.** The wheel must install everything our components import
  (kanjize, jaconv, rapidfuzz, ...): the requirements are the ``[project]
  dependencies`` of ``pyproject.toml`` plus ``--requirement`` items, written
  to the package meta. ``spacy package`` would otherwise name only the
  distributions its config refers to (ginza), and, because the private
  package is no installed distribution, it never adds ``gunji`` itself, which
  is on no package index.
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import tempfile
import tomllib
import types
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

logger = logging.getLogger("pipeline.package")  # not __main__ under python -m

CODE_PACKAGE = "_gunji_package_code"


def project_metadata(pyproject: Path) -> Tuple[str, List[str]]:
    """The ``[project]`` name and dependencies of ``pyproject``."""
    with pyproject.open("rb") as f:
        project = tomllib.load(f).get("project", {})
    return project.get("name", ""), list(project.get("dependencies", []))


def _code_package(folders: Sequence[Path]) -> types.ModuleType:
    """A package whose ``__path__`` is ``folders``, so its members import each other relatively."""
    package = sys.modules.get(CODE_PACKAGE)
    if package is None:
        package = types.ModuleType(CODE_PACKAGE)
        package.__path__ = []  # type: ignore[attr-defined]
        sys.modules[CODE_PACKAGE] = package
    for folder in folders:
        if str(folder) not in package.__path__:  # type: ignore[attr-defined]
            package.__path__.append(str(folder))  # type: ignore[attr-defined]
    return package


@contextmanager
def code_as_package_members(own_distribution: str) -> Iterator[None]:
    """While active, ``spacy package`` imports code files as members of ``CODE_PACKAGE``
    and never names ``own_distribution`` as a requirement.

    Args:
        own_distribution (str): Our project's distribution (``gunji``): its factories,
            found through its entry points in an editable install, are the very code
            the package carries, so the package must not require it.
    """
    import spacy.util

    # ``spacy.cli.package`` the attribute is the function; the module is in sys.modules.
    spacy_package = importlib.import_module("spacy.cli.package")

    original_import, original_deps = spacy.util.import_file, spacy_package.get_third_party_dependencies

    def import_file(name: str, loc) -> types.ModuleType:
        _code_package([Path(loc).resolve().parent])
        return importlib.import_module(f"{CODE_PACKAGE}.{name}")

    def third_party(config, exclude=()) -> List[str]:
        return original_deps(config, exclude=[*exclude, own_distribution])

    spacy.util.import_file = import_file
    spacy_package.get_third_party_dependencies = third_party
    try:
        yield
    finally:
        spacy.util.import_file = original_import
        spacy_package.get_third_party_dependencies = original_deps


def expand_code_paths(items: Sequence[str]) -> List[Path]:
    """``--code`` items as files: a folder stands for its ``.py`` modules except ``__init__.py``.

    A folder keeps the package in step with the components as modules are added.
    """
    paths: List[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            paths.extend(sorted(p for p in path.glob("*.py") if p.name != "__init__.py"))
        else:
            paths.append(path)
    return paths


def write_meta(input_dir: Path, requirements: Sequence[str], output: Path) -> Path:
    """The pipeline's meta.json with ``requirements`` (deduplicated by name) at ``output``."""
    from spacy.util import split_requirement

    meta = json.loads((input_dir / "meta.json").read_text(encoding="utf-8"))
    merged: dict = {}
    for req in list(meta.get("requirements", [])) + list(requirements):
        merged[split_requirement(req)[0].lower()] = req
    meta["requirements"] = list(merged.values())
    output.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return output


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``spacy package``'s, with requirements from pyproject."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.package", description=__doc__.split("\n")[0])
    parser.add_argument("input_dir", type=Path, help="the assembled or trained pipeline directory")
    parser.add_argument("output_dir", type=Path, help="where the package directory is created")
    parser.add_argument("--name", required=True, help="package name without the language (gunji → ja_gunji)")
    parser.add_argument("--version", required=True, help="package version")
    parser.add_argument("--code", default="",
                        help="comma-separated .py files or folders (their modules) copied into the package")
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"),
                        help="whose [project] dependencies become the package requirements")
    parser.add_argument("--requirement", action="append", default=[], help="another requirement (repeatable)")
    parser.add_argument("--build", default="wheel", help="sdist and/or wheel, comma-separated, or none")
    parser.add_argument("--force", action="store_true", help="replace an existing package directory")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of ``python -m pipeline.package``."""
    from spacy.cli.package import get_build_formats, package

    args = build_parser().parse_args(argv)
    code_paths = expand_code_paths([p.strip() for p in args.code.split(",") if p.strip()])
    own_name, requirements = project_metadata(args.pyproject)
    requirements += list(args.requirement)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    create_sdist, create_wheel = get_build_formats([f for f in args.build.split(",") if f])
    with tempfile.TemporaryDirectory() as tmp:
        meta_path = write_meta(args.input_dir, requirements, Path(tmp) / "meta.json")
        with code_as_package_members(own_name):
            package(args.input_dir, args.output_dir, meta_path=meta_path, code_paths=code_paths,
                    name=args.name, version=args.version, create_meta=False, create_sdist=create_sdist,
                    create_wheel=create_wheel, force=args.force, silent=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
