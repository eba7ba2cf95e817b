"""Seed data for the organisation directory and the routing rules (loaded by `load_directory`)."""
