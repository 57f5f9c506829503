"""Subcommands of the ``reader`` command, one module each; each module has ``register(subparsers)``."""
