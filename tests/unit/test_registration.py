"""Factories registered twice: by the gunji distribution and by a pipeline package's copy of its code."""
import types

import pytest
from spacy.language import Language

import components.bilingual  # noqa: F401  (registers bilingual_aligner)
from components.registration import factory


def _function(qualname: str, module: str):
    def make(nlp, name):
        return None
    make.__qualname__ = qualname
    make.__module__ = module
    return make


def test_the_same_factory_from_another_copy_is_not_registered_again():
    original = components.bilingual.make_bilingual_aligner
    twin = _function("make_bilingual_aligner", "ja_gunji.bilingual")
    assert factory("bilingual_aligner")(twin) is twin
    from spacy.util import registry
    assert registry.factories.get("bilingual_aligner") is original


def test_another_function_under_a_taken_name_still_fails():
    other = _function("make_something_else", "elsewhere.bilingual")
    with pytest.raises(ValueError, match="E004"):
        factory("bilingual_aligner")(other)


def test_a_new_name_registers_normally():
    fresh = _function("make_gunji_test_only_component", "tests.fake")
    factory("gunji_test_only_component")(fresh)
    assert Language.has_factory("gunji_test_only_component")
