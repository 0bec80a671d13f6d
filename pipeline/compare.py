"""Rules, trained NER, and both, side by side on gold JSONL: one per-label P/R/F1 table.

    python -m pipeline.compare --gold corpus/gold.jsonl --rules configs/fast.cfg \\
        --ner training/ner/model-best --both configs/pipeline_ner.cfg --output metrics/compare.json

Each system is a ``.cfg`` (assembled in memory), a pipeline directory or a
package name, loaded with ``pipeline.loader.load_pipeline``; its predictions
are scored with ``pipeline.scoring.score_records``, the figures of
``shared/eval/score.py``. A system may be left out (``--ner`` only, say).
``--overrides`` passes config overrides to every ``.cfg`` (for instance the
path of the trained NER, ``paths.ner_model=training/ner/model-best``).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from pipeline.evaluate import predict_records, read_records
from pipeline.scoring import LABELS, score_records

logger = logging.getLogger("pipeline.compare")  # not __main__ under python -m

SYSTEMS = ("rules", "ner", "both")
ROWS = LABELS + ("SPANS_MICRO",)


def parse_overrides(items: Sequence[str]) -> Dict[str, Any]:
    """``section.key=value`` strings as a config overrides dict.

    Values are read as JSON where they parse (``["WEAPON"]``, ``3``, ``true``),
    as ``spacy`` CLI overrides are; a config dict is not coerced (CONVENTIONS pitfall 10).
    """
    overrides: Dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"override {item!r} is not KEY=VALUE")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value.strip()
    return overrides


def score_system(target: str, gold: Mapping[str, Mapping[str, Any]], overrides: Mapping[str, Any],
                 batch_size: int = 64) -> Dict[str, Any]:
    """Load the pipeline ``target`` and score its predictions on ``gold``."""
    from pipeline.loader import load_pipeline

    use = dict(overrides) if target.endswith(".cfg") else None
    nlp = load_pipeline(target, overrides=_known_overrides(target, use))
    result, _ = score_records(gold, predict_records(nlp, gold, batch_size=batch_size))
    return result


def _known_overrides(target: str, overrides: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """Only the overrides whose section exists in the config at ``target`` (a config lacks ``paths.x``)."""
    if not overrides:
        return None
    from spacy.util import load_config

    config = load_config(Path(target), interpolate=False)
    known = {}
    for key, value in overrides.items():
        section, _, name = key.rpartition(".")
        node: Any = config
        for part in section.split(".") if section else []:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict) and name in node:
            known[key] = value
    return known


def format_table(results: Mapping[str, Mapping[str, Any]]) -> str:
    """One row per label (and micro), P/R/F1 per system."""
    systems = [s for s in SYSTEMS if s in results]
    head = f"{'label':12s}" + "".join(f" | {s:^20s}" for s in systems)
    sub = f"{'':12s}" + "".join(f" | {'P':>6s} {'R':>6s} {'F1':>6s}" for _ in systems)
    lines = [head, sub, "-" * len(sub)]
    for row in ROWS:
        cells = "".join(f" | {results[s][row]['p']:6.3f} {results[s][row]['r']:6.3f} {results[s][row]['f']:6.3f}"
                        for s in systems)
        lines.append(f"{row:12s}{cells}")
    return "\n".join(lines)


def compare(gold_path: Path, systems: Mapping[str, Optional[str]], overrides: Mapping[str, Any],
            batch_size: int = 64) -> Tuple[Dict[str, Any], str]:
    """Score every given system on ``gold_path``; return (results by system, the table)."""
    gold = read_records(gold_path)
    results: Dict[str, Any] = {}
    for name in SYSTEMS:
        target = systems.get(name)
        if target:
            logger.info("scoring %s: %s", name, target)
            results[name] = score_system(target, gold, overrides, batch_size)
    return results, format_table(results)


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m pipeline.compare``."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.compare", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", required=True, type=Path, help="gold JSONL records")
    parser.add_argument("--rules", help="the rule pipeline (.cfg, directory or package)")
    parser.add_argument("--ner", help="the trained NER alone (model directory or .cfg)")
    parser.add_argument("--both", help="rules and NER together (.cfg, directory or package)")
    parser.add_argument("--overrides", nargs="*", default=[], help="config overrides KEY=VALUE for .cfg systems")
    parser.add_argument("--output", type=Path, help="also write the results as JSON here")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of ``python -m pipeline.compare``: print the table, write the JSON."""
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger("pipeline").addHandler(handler)
    logging.getLogger("pipeline").setLevel(logging.INFO)
    systems = {"rules": args.rules, "ner": args.ner, "both": args.both}
    if not any(systems.values()):
        logger.error("give at least one of --rules, --ner, --both")
        return 2
    results, table = compare(args.gold, systems, parse_overrides(args.overrides), args.batch_size)
    sys.stdout.write(table + "\n")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        payload = {"gold": str(args.gold), "systems": {k: v for k, v in systems.items() if v}, "results": results}
        args.output.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
