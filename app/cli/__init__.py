"""The command line (``python -m app <command>``): scriptable, and never imports Qt.

Each command lives in its own module with a ``register(subparsers)`` function that adds its
parser and sets ``handler`` to a function ``(args, paths) -> exit code``.
"""
