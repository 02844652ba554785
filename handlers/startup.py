"""Process start-up steps shared by every long-running entry point (and the benchmarks)."""

import gc


def settle_heap() -> None:
    """Move everything loaded at start-up out of the garbage collector's reach.

    Imports, settings and the engine are never freed; without this every full collection
    re-walks them, which bench/query_latency.py measured as the whole of the p99 tail.
    """
    gc.collect()
    gc.freeze()
