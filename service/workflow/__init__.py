"""The service layer: one small function per use case, each over a unit of work."""
