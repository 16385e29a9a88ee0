"""Dialogs of the Twofold window."""
