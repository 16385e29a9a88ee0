"""One module per social network, plus the posting engine that delivers exactly once.

Network clients speak HTTP through ``requests`` (imported lazily, off the start-up path) and
report results through plain callbacks; the UI turns those into Qt signals. No Qt here.
"""
