"""The service layer: the `rjplan` CLI, the FastAPI app, the store. The only package with I/O."""
