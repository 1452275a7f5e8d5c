"""Pairing facilitators with cases on OR-Tools CP-SAT; re-planning; meetings scheduling."""
