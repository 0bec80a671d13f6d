"""The examples in docs/ are true: offsets in record-format.md, the span_ruler recipe in custom-labels.md."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
REPO = DOCS.parent


def _blocks(name: str, lang: str):
    return re.findall(rf"```{lang}\n(.*?)```", (DOCS / name).read_text(encoding="utf-8"), flags=re.S)


def test_record_format_example_offsets():
    blocks = _blocks("record-format.md", "json")
    record = json.loads(blocks[0].replace(" ...", " []").replace("[ [] ]", "[]"))
    fact = next(json.loads(b) for b in blocks if '"event"' in b)
    text = record["text"]
    assert text[fact["start"]:fact["end"]] == fact["text"]
    for role in ("trigger", "actor", "weapon", "target", "source"):
        part = fact[role]
        assert text[part["start"]:part["end"]] == part["text"], role


def test_custom_label_gold_example_offsets():
    record = json.loads(_blocks("custom-labels.md", "json")[0])
    for span in record["spans"]:
        assert record["text"][span["start"]:span["end"]] == span["text"]


def test_span_ruler_recipe_marks_the_new_label(tmp_path):
    pytest.importorskip("sudachipy")
    from pipeline.loader import load_pipeline

    ini = _blocks("custom-labels.md", "ini")[0]
    patterns = json.loads(_blocks("custom-labels.md", "json")[1])
    (tmp_path / "firms.json").write_text(json.dumps(patterns, ensure_ascii=False), encoding="utf-8")
    fast = (REPO / "configs" / "fast.cfg").read_text(encoding="utf-8")
    pipeline_line = re.search(r"^pipeline = .*$", ini, flags=re.M).group(0)
    ruler = ini[ini.index("[components.firm_ruler]"):ini.index("[initialize]")]
    init = ini[ini.index("[initialize]"):].replace("configs/defence_firms.json", str(tmp_path / "firms.json"))
    config = re.sub(r"^pipeline = .*$", pipeline_line, fast, flags=re.M)
    config = config.replace("[components]\n", "[components]\n\n" + ruler, 1) + "\n" + init
    (tmp_path / "firms.cfg").write_text(config, encoding="utf-8")
    nlp = load_pipeline(str(tmp_path / "firms.cfg"))
    doc = nlp("北星重工と青嶺航空は無人機30機を納入した。")
    assert [(s.text, s.label_) for s in doc.spans["defence_firms"]] == [("北星重工", "DEFENCE_FIRM"),
                                                                     ("青嶺航空", "DEFENCE_FIRM")]
