"""BatchedPipe: every stage runs a batch of docs in a row, in order, one bad doc stops nobody."""
from __future__ import annotations

from typing import List, Tuple

import pytest
import spacy
from spacy.tokens import Doc

from components.batching import BatchedPipe
from components.ents_merger import EntsMerger
from components.fact_context import FactContext
from components.tables import TablePipe
from components.times import TimeRecognizer


class Recorder(BatchedPipe):
    """Logs (its name, the doc's text) on every call; raises on texts in ``fail_on``."""

    def __init__(self, name: str, log: List[Tuple[str, str]], fail_on: Tuple[str, ...] = ()) -> None:
        self.name = name
        self.log = log
        self.fail_on = fail_on

    def __call__(self, doc: Doc) -> Doc:
        self.log.append((self.name, doc.text))
        if doc.text in self.fail_on:
            raise ValueError(f"bad doc {doc.text}")
        return doc


@spacy.Language.factory("gunji_test_batched_recorder", default_config={"fail_on": []})
def make_recorder(nlp: spacy.Language, name: str, fail_on: List[str]) -> Recorder:
    return Recorder(name, LOG, tuple(fail_on))


LOG: List[Tuple[str, str]] = []


def _nlp(fail_on: Tuple[str, ...] = ()) -> spacy.Language:
    LOG.clear()
    nlp = spacy.blank("xx")
    nlp.add_pipe("gunji_test_batched_recorder", name="a", config={"fail_on": list(fail_on)})
    nlp.add_pipe("gunji_test_batched_recorder", name="b")
    return nlp


@pytest.mark.parametrize("cls", [TablePipe, EntsMerger, FactContext, TimeRecognizer])
def test_our_pipes_are_batched(cls):
    assert issubclass(cls, BatchedPipe)


def test_each_stage_runs_a_batch_before_the_next_stage_sees_it():
    nlp = _nlp()
    texts = [f"t{i}" for i in range(10)]
    docs = list(nlp.pipe(texts, batch_size=4))
    assert [d.text for d in docs] == texts
    # a lazy Pipe.pipe would alternate a, b, a, b; batched, a sees four docs first
    assert LOG[:8] == [("a", t) for t in texts[:4]] + [("b", t) for t in texts[:4]]
    assert sorted(LOG) == sorted([("a", t) for t in texts] + [("b", t) for t in texts])


def test_a_failing_doc_goes_to_the_error_handler_and_its_batch_goes_on():
    nlp = _nlp(fail_on=("t2",))
    errors: List[str] = []
    nlp.set_error_handler(lambda name, proc, docs, e: errors.append(f"{name}:{docs[0].text}:{e}"))
    texts = [f"t{i}" for i in range(6)]
    out = [d.text for d in nlp.pipe(texts, batch_size=4)]
    assert out == ["t0", "t1", "t3", "t4", "t5"]
    assert errors == ["a:t2:bad doc t2"]


def test_without_a_handler_the_error_is_raised():
    nlp = _nlp(fail_on=("t1",))
    with pytest.raises(ValueError, match="bad doc t1"):
        list(nlp.pipe(["t0", "t1"], batch_size=4))
