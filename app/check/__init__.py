"""The persona check: rules, policy packs, text normalisation and exact network limits.

Pure functions over ``app.core`` data. The composer, the tray quick post, the posting engine
and the ``check`` command all call this one engine. No Qt and no network access here.
"""
