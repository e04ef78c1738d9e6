"""Transports that serve the unchanged app to remote readers."""
