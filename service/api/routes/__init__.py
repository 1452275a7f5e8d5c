"""Routers: thin functions that check the role, call one service function and answer."""
