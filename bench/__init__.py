"""Benchmarks. Not shipped with the package; run from a checkout with `python -m bench.<name>`."""
