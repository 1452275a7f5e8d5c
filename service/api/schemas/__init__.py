"""Request and response bodies of the HTTP API; separate from the domain models and tables."""
