"""The glossary and facts gathered while a run writes its records equal those read back from its JSONL."""
from __future__ import annotations

from pipeline.annotate import RecordExtras, annotate_local, write_batch_extras
from pipeline.inputs import InputRecord
from pipeline.loader import load_pipeline
from pipeline.outputs import BatchWriter

TEXTS = [  # written for this test: pairs, katakana variants, facts with meta
    "ポクロウスクPokrovsk近郊で第47独立機械化旅団が戦車3両を破壊した。",
    "ポクロフスク方面ではロシア軍が無人機120機を発射し、ウクライナ空軍は98機を撃墜した。",
    "ポクロウシクの住民は避難した。ザルジニーZaluzhnyi氏が語った。",
    "米国はHIMARSなど総額5億ドル相当の軍事支援を発表した。",
]


def _run(tmp_path, name, resume_after=None):
    nlp = load_pipeline(fast=True)
    items = [InputRecord(f"k{i}", f"r{i}", t, meta={"outlet": f"o{i}"}) for i, t in enumerate(TEXTS)]
    out = tmp_path / name
    writer = BatchWriter(out, shard_size=2)
    extras = RecordExtras().watch(writer)
    report = annotate_local(nlp, items[:resume_after] if resume_after else items, writer)
    if resume_after:  # a second run over the rest: its extras saw only the new records
        assert extras.covers()
        writer = BatchWriter(out, shard_size=2, resume=True)
        extras = RecordExtras().watch(writer)
        report = annotate_local(nlp, items, writer)
    return out, extras, report


def test_gathered_extras_equal_the_ones_read_back(tmp_path):
    out, extras, report = _run(tmp_path, "a")
    assert extras.covers() and extras.records == len(TEXTS)
    write_batch_extras(out, extras=extras)
    gathered = {n: (out / n).read_bytes() for n in ("glossary.json", "glossary.tsv", "facts.csv")}
    write_batch_extras(out)
    assert {n: (out / n).read_bytes() for n in gathered} == gathered
    assert b"Pokrovsk" in gathered["glossary.json"] and b"meta_outlet" in gathered["facts.csv"]


def test_a_resumed_run_is_not_covered_by_its_own_extras(tmp_path):
    _out, extras, report = _run(tmp_path, "b", resume_after=2)
    assert extras.records == 2 and report.totals.records == len(TEXTS)
    assert not extras.covers()


def test_a_failing_observer_costs_no_record_and_the_extras_fall_back(tmp_path):
    nlp = load_pipeline(fast=True)
    out = tmp_path / "c"
    writer = BatchWriter(out, shard_size=2)
    extras = RecordExtras().watch(writer)
    original = extras.glossary.add

    def flaky(record):
        if record["id"] == "r1":
            raise ValueError("boom")
        original(record)

    extras.glossary.add = flaky
    items = [InputRecord(f"k{i}", f"r{i}", t) for i, t in enumerate(TEXTS)]
    report = annotate_local(nlp, items, writer)
    assert report.totals.records == len(TEXTS) and not report.totals.skipped
    assert not extras.covers()  # it stopped watching at r1: the records are read back
    assert write_batch_extras(out, extras=extras) >= 0 and (out / "facts.csv").exists()
    assert list(extras.facts) == []  # the spool it gathered before failing is closed all the same
