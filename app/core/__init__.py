"""Plain data shared by every layer: networks, personas, accounts, drafts, findings.

Only the standard library belongs here: no Qt, no SQLite, no HTTP. Every other package may
import from ``app.core``; ``app.core`` imports from nobody.
"""
