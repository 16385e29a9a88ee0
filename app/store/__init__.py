"""Persistence: the SQLite database (accounts, drafts, outbox, history) and the OS keychain.

Secrets go only to the keychain through ``keyring``; the database never holds one. No Qt here.
"""
