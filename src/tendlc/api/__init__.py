"""The HTTP application: mounts the dialects and the native API."""
