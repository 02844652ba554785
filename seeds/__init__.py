"""Seed data: the positions stated in the reference article, and their loader."""

from seeds.loader import SeedReport, load_reference_seed

__all__ = ["SeedReport", "load_reference_seed"]
