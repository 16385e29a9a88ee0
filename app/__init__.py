"""Twofold: keeps a work and a personal identity on each social network apart.

Sub-packages, in the one direction dependencies may point (ui → services → core):
``core`` plain data, ``check`` the persona check, ``store`` SQLite and the OS keychain,
``networks`` network clients and the posting engine, ``cli`` the command line and ``ui``
the Qt windows. Nothing here does work at import time.
"""

__version__ = "0.1.0"
APP_NAME = "Twofold"
APP_ID = "twofold"
