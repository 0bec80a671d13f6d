"""spaCy configs shipped with gunji, packaged so an installed ``gunji`` finds them.

- ``pipeline.cfg``: ja_ginza's components (sourced) followed by ours.
- ``fast.cfg``: ours on the SudachiPy tokenizer alone, no neural layers.
"""
from pathlib import Path

CONFIG_DIR = Path(__file__).parent
FULL_CONFIG = CONFIG_DIR / "pipeline.cfg"
FAST_CONFIG = CONFIG_DIR / "fast.cfg"
