"""Reusable widgets of the Twofold window."""
