"""Shared fixtures.

``nlp_blank`` is a blank Japanese pipeline on the SudachiPy tokenizer in split
mode C (CONVENTIONS pitfall 5: the blank default is mode A). ``nlp_ginza``
loads ja_ginza once per session; tests that need it are marked ``ginza`` and
skip cleanly where the model is not installed.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GUNJI_SHARED", REPO.parent / "shared"))
DEV_JSONL = SHARED / "data" / "dev.jsonl"


@pytest.fixture(scope="session")
def nlp_blank():
    pytest.importorskip("sudachipy")
    return spacy.blank("ja", config={"nlp": {"tokenizer": {"split_mode": "C"}}})


@pytest.fixture(scope="session")
def nlp_ginza():
    pytest.importorskip("ja_ginza")
    return spacy.load("ja_ginza")


@pytest.fixture(scope="session")
def dev_jsonl() -> Path:
    if not DEV_JSONL.exists():
        pytest.skip(f"{DEV_JSONL} not present (shared data is optional)")
    return DEV_JSONL
