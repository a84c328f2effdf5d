"""The ``tendlc`` command line."""
