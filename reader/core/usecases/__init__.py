"""The operations a learner performs, once for the window and the command line (no Qt here).

``reader/ui`` runs them on workers and ``reader/commands`` parses arguments and prints their results; neither
holds logic of its own. Long operations take ``progress`` and ``cancelled`` callbacks.
"""
