"""Webhook signing, rendering, retry policy and sending (the connectivity-chain issue)."""
