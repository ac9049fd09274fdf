"""The coordinator dashboard: the Reports tab of the registry window, its tables and plots."""
