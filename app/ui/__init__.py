"""Qt windows, the tray icon and widgets: the only package (besides the GUI entry point)
allowed to import PySide6. It talks to services through objects handed to its constructors and
gets results back as signals, so the UI thread never waits on the network or the disk.
"""
