"""Reading and checking data: the data package's schema, CSV files, tables, facts and users' own files.

Everything here reads and checks files against ``datapackage.json``; nothing here analyses them.

=====================  =====================================================================
``datapackage``        the descriptor: tables, fields, separators, the bundled folder
``csv_files``          reading a CSV file's bytes, rows and header, with every problem found
``validation``         checking a table against its schema (types, patterns, foreign keys)
``wide_form``          the rules of a roster written in the wide form (its tags in its own cells)
``_tables``            the machinery under every loader: checking, typing, caching, sources joined
``facts``              the facts tables (one row per value and source) and their derivation
``reference_tables``   sources, provinces, tribes, districts, estimates, tallies, events
``loaders``            the appointments tables of the data package (the 33, the later ones)
``user_files``         :func:`validate` and rosters of any body (:func:`load_user_roster`)
``fileio``             atomic writes
=====================  =====================================================================
"""
