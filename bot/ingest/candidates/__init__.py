"""Ingest candidates: proposed, dated, checked, edited, then confirmed or discarded."""
