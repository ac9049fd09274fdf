"""cmlentry: offline, encrypted case entry for the European CML-after-imatinib registry."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cmlentry")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
