"""tendlc: a self-hostable US 10DLC campaign registry and connectivity-chain service."""

__version__ = "0.1.0"
