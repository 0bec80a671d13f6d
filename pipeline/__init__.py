"""Build, run and read the gunji pipeline: loading configs, batch annotation,
DocBin and JSONL I/O, evaluation and the ``gunji`` command line."""
