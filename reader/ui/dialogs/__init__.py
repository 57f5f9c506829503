"""Dialogs, each opened through a classmethod that returns (value, accepted)."""
