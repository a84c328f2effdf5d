"""The TCR CSP API v2 dialect, mounted under ``/v2``."""
