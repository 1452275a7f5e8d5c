"""The HTTP API: FastAPI routers over the service layer, with one error handler."""
