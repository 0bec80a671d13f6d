"""``spacy project run ci`` end to end in the repository, then its artefacts.

The run is the CI workflow of project.yml (short training), so it checks that
every command's script, deps and outputs fit together, not the model's
quality. It runs in the repository itself: its outputs go to the git-ignored
training/, metrics/, out/ and packages/ (a later ``spacy project run all``
sees the changed files and retrains). Not in a copy: an editable install's
entry points import ``components`` from the repository, and ``spacy package``
would import the copy's modules too, two files for one factory (spaCy E004).
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import srsly

from tests.conftest import REPO

pytestmark = pytest.mark.slow

LABELS = {"MIL_UNIT", "WEAPON", "QUANTITY"}
CONTEXT_LABELS = {"PLACE", "TIME"}  # exported in records, never trained


@pytest.fixture(scope="module")
def project_dir() -> Path:
    """The repository after ``project_run(REPO, "ci")``."""
    pytest.importorskip("ja_ginza")
    weasel_run = pytest.importorskip("weasel.cli.run")
    weasel_run.project_run(REPO, "ci", capture=True)
    return REPO


def _vars(root: Path) -> dict:
    return srsly.read_yaml(root / "project.yml")["vars"]


def test_trained_ner_has_our_labels(project_dir):
    import spacy

    nlp = spacy.load(project_dir / _vars(project_dir)["ner_model"])
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == LABELS
    assert nlp.config["nlp"]["tokenizer"]["split_mode"] == "C"


def test_silver_docs_and_heldout_gold(project_dir):
    v = _vars(project_dir)
    train = [json.loads(line) for line in (project_dir / v["train_records"]).open(encoding="utf-8")]
    heldout = [json.loads(line) for line in (project_dir / v["heldout_records"]).open(encoding="utf-8")]
    assert heldout and len(train) > len(heldout)
    assert not {r["text"] for r in train} & {r["text"] for r in heldout}
    assert {s["label"] for r in train for s in r["spans"]} == LABELS
    assert (project_dir / v["train_docs"]).stat().st_size > 0


def test_compare_table_has_three_systems(project_dir):
    metrics = json.loads((project_dir / "metrics" / "compare.json").read_text(encoding="utf-8"))
    assert set(metrics["results"]) == {"rules", "ner", "both"}
    for result in metrics["results"].values():
        for label in LABELS:
            assert {"p", "r", "f"} <= set(result[label])
    assert metrics["results"]["rules"]["SPANS_MICRO"]["f"] > 0


def test_annotate_wrote_records(project_dir):
    out = project_dir / _vars(project_dir)["annotate_output"]
    records = [json.loads(line) for line in (out / "annotations.jsonl").open(encoding="utf-8")]
    example = [line for line in (project_dir / "corpus" / "example.txt").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    assert [r["text"] for r in records] == example
    assert LABELS <= {s["label"] for r in records for s in r["spans"]} <= LABELS | CONTEXT_LABELS


def _wheel(root: Path) -> Path:
    v = _vars(root)
    name = f"{v['lang']}_{v['package_name']}-{v['package_version']}"
    return root / v["packages"] / name / "dist" / f"{name}-py3-none-any.whl"


def test_wheel_carries_code_data_and_requirements(project_dir):
    wheel = _wheel(project_dir)
    v = _vars(project_dir)
    pkg = f"{v['lang']}_{v['package_name']}"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        init = zf.read(f"{pkg}/__init__.py").decode("utf-8")
        metadata = next(zf.read(n).decode("utf-8") for n in names if n.endswith(".dist-info/METADATA"))
    code = [p for p in (project_dir / "components").glob("*.py") if p.name != "__init__.py"]
    for path in code:
        assert f"{pkg}/{path.name}" in names
        assert f"from . import {path.stem}" in init
    # Component data travels by to_disk/from_disk: every file of the built
    # pipeline, our gazetteers and patterns among them, is in the wheel.
    model_dir = f"{pkg}/{pkg}-{v['package_version']}"
    both = project_dir / v["both_pipeline"]
    data_files = [p.relative_to(both).as_posix() for p in both.rglob("*") if p.suffix in (".jsonl", ".tsv")]
    assert {f.split("/")[0] for f in data_files} >= {"quantity_extractor", "military_unit_recognizer",
                                                     "weapon_recognizer", "bilingual_aligner"}
    for rel in data_files:
        assert f"{model_dir}/{rel}" in names, rel
    requires = {line.split(":", 1)[1].strip().split(">")[0].split("<")[0].split("=")[0].strip().lower()
                for line in metadata.splitlines() if line.startswith("Requires-Dist:")}
    assert {"spacy", "ginza", "kanjize", "jaconv", "rapidfuzz"} <= requires
    assert "gunji" not in requires  # on no package index: the wheel carries its code instead


def test_both_pipeline_annotates_all_labels(project_dir):
    """Rules and NER together, loaded in a fresh interpreter as a user would."""
    both = project_dir / _vars(project_dir)["both_pipeline"]
    script = (
        "import json, spacy, sys\n"
        "from pipeline.records import doc_to_record\n"
        f"nlp = spacy.load({str(both)!r})\n"
        "doc = nlp('ロシア軍は巡航ミサイル「カリブル」12発と無人機30機でキーウを攻撃した。')\n"
        "print(json.dumps(sorted({s['label'] for s in doc_to_record(doc, 'x')['spans']})))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=project_dir, capture_output=True, text=True,
                         check=True)
    assert set(json.loads(out.stdout.strip().splitlines()[-1])) == LABELS | {"PLACE"}


def test_package_loads_beside_the_gunji_distribution(project_dir):
    """The package's copies of our modules and the installed gunji's entry points meet in one process
    (the README installs both): neither order of import may raise spaCy's E004."""
    v = _vars(project_dir)
    pkg = f"{v['lang']}_{v['package_name']}"
    root = project_dir / v["packages"] / f"{pkg}-{v['package_version']}"
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "import components.bilingual\n"                       # the distribution's module first
        f"import {pkg}\n"
        f"nlp = {pkg}.load()\n"
        "doc = nlp('ロシア軍は無人機30機でキーウKyivを攻撃した。')\n"
        "print(sorted({s.label_ for s in doc.spans['military_units']} | {s.label_ for s in doc.spans['quantities']}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=project_dir, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "['MIL_UNIT', 'QUANTITY']"
