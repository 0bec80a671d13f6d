"""Data tables travel with a saved pipeline, and a packaged copy without ``data/`` still loads."""
import pytest
import spacy

import components.tables as tables
from components.tables import Tables

FACTORIES = ["quantity_extractor", "military_unit_recognizer", "weapon_recognizer", "bilingual_aligner"]
TEXT = "ロシア軍は第47独立機械化旅団が守るポクロウスクPokrovskにイスカンデルMを2発撃ち込んだ。"


def test_configured_path_that_does_not_exist_is_an_error_at_once(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.tsv"):
        Tables("x", {"units.tsv": tmp_path / "missing.tsv"})


def test_to_disk_onto_itself_is_a_no_op(tmp_path):
    source = tmp_path / "units.tsv"
    source.write_text("a\tb\n", encoding="utf-8")
    table = Tables("x", {"units.tsv": source})
    table.to_disk(tmp_path)
    assert source.read_text(encoding="utf-8") == "a\tb\n"


def found(doc):
    return [(s.label_, s.start_char, s.end_char) for group in doc.spans.values() for s in group]


@pytest.mark.parametrize("factory", FACTORIES)
def test_component_without_packaged_data_loads_from_disk(factory, tmp_path, monkeypatch):
    """As in a ``spacy package --code components`` wheel: no data folder beside the code."""
    saved = spacy.blank("ja")
    saved.add_pipe(factory)
    saved.to_disk(tmp_path / "nlp")
    expected = found(saved(TEXT))

    monkeypatch.setattr(tables, "DATA_DIR", tmp_path / "no-data-here")
    bare = spacy.blank("ja")
    pipe = bare.add_pipe(factory)
    with pytest.raises(RuntimeError, match="data tables not found"):
        pipe(bare.make_doc(TEXT))
    loaded = spacy.load(tmp_path / "nlp")
    got = found(loaded(TEXT))
    assert got and got == expected
