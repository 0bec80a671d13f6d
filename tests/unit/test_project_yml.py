"""project.yml stays in step with the code: every component file is a dep of what it affects."""
from __future__ import annotations

import pytest

from tests.conftest import REPO

COMPONENT_COMMANDS = ("convert", "silver", "assemble", "package")


@pytest.fixture(scope="module")
def project():
    util = pytest.importorskip("weasel.util")
    return util.load_project_config(REPO)


def _commands(project) -> dict:
    return {c["name"]: c for c in project["commands"]}


def test_every_component_file_is_a_dep(project):
    files = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "components").rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)
    for name in COMPONENT_COMMANDS:
        deps = {d.removeprefix("./") for d in _commands(project)[name]["deps"]}
        missing = [f for f in files if f not in deps]
        assert not missing, f"{name}: add to deps in project.yml: {missing}"


def test_deps_exist_or_are_outputs_of_earlier_commands(project):
    outputs = {o.removeprefix("./") for c in project["commands"] for o in c.get("outputs", [])}
    for command in project["commands"]:
        for dep in command.get("deps", []):
            dep = dep.removeprefix("./")
            assert "," not in dep, f"{command['name']}: weasel joined list items: {dep}"
            assert (REPO / dep).exists() or dep in outputs or any(dep.startswith(o + "/") for o in outputs), dep


def test_workflows_name_defined_commands_and_one_program_per_line(project):
    names = set(_commands(project))
    for steps in project["workflows"].values():
        assert set(steps) <= names
    for command in project["commands"]:
        for line in command["script"]:
            assert line.startswith("python -m ")
            assert not any(tok in line.split() for tok in ("|", "&&", ";", ">", "<"))
