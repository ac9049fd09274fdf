"""Registry reports: end points, survival figures and the tables built on them (issue 7).

:mod:`.endpoints` is the entry point: each patient's end points from the case records.
"""
