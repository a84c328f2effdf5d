"""The pure core: domain models, rules, lifecycles and use cases. No I/O, no web, no SQL."""
