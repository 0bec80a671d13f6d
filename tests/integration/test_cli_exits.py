"""Honest exits: a run that cannot start says why in one stderr line, exits non-zero and leaves nothing behind."""
from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from tests.conftest import REPO

EXAMPLE = REPO / "corpus" / "example.txt"


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_missing_input_fails_before_outdir_exists(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["annotate", str(EXAMPLE), str(tmp_path / "absent.txt"), "-o", str(out), "--fast"]) == 2
    assert "input not found" in _one_error_line(capsys) and not out.exists()


@pytest.mark.parametrize("config", ["absent.cfg", "no_such_pipeline_package", "broken.cfg", "unknown_factory.cfg"])
def test_bad_config_fails_in_one_line_before_outdir_exists(tmp_path, capsys, config):
    (tmp_path / "broken.cfg").write_text("[nlp\nlang = \n", encoding="utf-8")
    (tmp_path / "unknown_factory.cfg").write_text(
        '[nlp]\nlang = "ja"\npipeline = ["x"]\n\n[components]\n\n[components.x]\nfactory = "gunji_no_such_factory"\n',
        encoding="utf-8")
    source = str(tmp_path / config) if config.endswith(".cfg") else config
    out = tmp_path / "out"
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--config", source]) == 2
    line = _one_error_line(capsys)
    assert config.split(".")[0] in line
    assert not out.exists()


def test_overwrite_with_a_bad_config_keeps_the_previous_run(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "annotations.jsonl").write_text("{}\n", encoding="utf-8")
    assert main(["annotate", str(EXAMPLE), "-o", str(out), "--config", str(tmp_path / "absent.cfg"), "--overwrite"]) == 2
    assert (out / "annotations.jsonl").read_text(encoding="utf-8") == "{}\n"
    _one_error_line(capsys)


def test_unknown_encoding_fails_in_one_line(tmp_path, capsys):
    assert main(["annotate", str(EXAMPLE), "-o", str(tmp_path / "out"), "--fast", "--encoding", "klingon"]) == 2
    assert "--encoding" in _one_error_line(capsys) and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_nothing_annotated_is_an_error(tmp_path, capsys):
    src = tmp_path / "blank.txt"
    src.write_text("\n  \n", encoding="utf-8")
    assert main(["annotate", str(src), "-o", str(tmp_path / "out"), "--fast", "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1].endswith("nothing was annotated: 1 input(s) skipped, see the summary on stdout")
    assert "Traceback" not in captured.err
    assert "empty record: 1 (blank.txt:2)" in captured.out


@pytest.mark.slow
def test_cp932_input_is_named_then_read_with_the_option(tmp_path, capsys):
    src = tmp_path / "sjis.txt"
    src.write_bytes("ロシア軍は無人機20機を発射した。\r\n".encode("cp932"))
    assert main(["annotate", str(src), "-o", str(tmp_path / "utf8"), "--fast", "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert "--encoding cp932" in captured.err and "wrong encoding: 1 (sjis.txt:1)" in captured.out
    out = tmp_path / "cp932"
    assert main(["annotate", str(src), "-o", str(out), "--fast", "--no-progress", "--encoding", "cp932"]) == 0
    (record,) = [json.loads(line) for line in (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["text"] == "ロシア軍は無人機20機を発射した。"
    assert record["meta"] == {"file": "sjis.txt", "line": 1}
    assert any(s["label"] == "QUANTITY" for s in record["spans"])
