"""Benchmarks of cmlentry against the budgets of product.md ("Qualities").

Run from the project folder with ``python -m bench`` (``make bench``); ``python -m bench --help``
lists the options. Nothing here is a test: figures are printed and compared with budgets, never
asserted. Results and how to read them: ``docs/performance.md``.
"""
