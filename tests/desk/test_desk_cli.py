"""The desk's commands end to end through ``gunji``: report, export, convert --from (no pipeline needed)."""
from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from tests.desk.records import make_records


@pytest.fixture()
def batch(tmp_path):
    out = tmp_path / "batch"
    out.mkdir()
    (out / "annotations.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_records(2)), encoding="utf-8")
    return out


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "labelstudio"])
def test_export_then_convert_back_to_gold(fmt, batch, tmp_path, capsys):
    assert main(["export", str(batch), "--format", fmt]) == 0
    exported = next(batch.glob(f"export-{fmt}.json*"))
    gold = tmp_path / "gold.jsonl"
    assert main(["convert", str(exported), "-o", str(gold)]) == 0  # format detected
    back = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert back == make_records(2)
    spacy_out = tmp_path / "gold.spacy"
    assert main(["convert", str(exported), "--from", fmt, "-o", str(spacy_out)]) == 0
    assert spacy_out.stat().st_size > 0
    assert "6 docs" in capsys.readouterr().out


def test_report_command_writes_report_and_pages(batch, capsys):
    pytest.importorskip("vl_convert")
    assert main(["report", str(batch)]) == 0
    assert (batch / "report.html").exists() and (batch / "annotations.html").exists()
    assert (batch / "annotations-0001.html").exists()


def test_desk_commands_fail_cleanly_without_annotations(tmp_path):
    assert main(["report", str(tmp_path)]) == 2
    assert main(["export", str(tmp_path), "--format", "doccano"]) == 2


def test_without_the_report_extra(batch, monkeypatch):
    """No altair: gunji report says what to install; annotate --html still writes the pages."""
    import sys

    from pipeline.desk import write_batch_pages

    monkeypatch.setitem(sys.modules, "altair", None)  # import altair -> ImportError
    monkeypatch.delitem(sys.modules, "pipeline.report", raising=False)
    assert main(["report", str(batch)]) == 2
    written = write_batch_pages(batch)
    assert [p.name for p in written] == ["annotations.html", "annotations-0001.html"]
    assert not (batch / "report.html").exists()
