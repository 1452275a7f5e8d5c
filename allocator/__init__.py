"""Pairing facilitators with cases on OR-Tools CP-SAT; re-planning; explanations."""

from allocator.solve import SolveOptions, solve

__all__ = ["SolveOptions", "solve"]
