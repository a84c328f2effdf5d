"""Campaigns: what a brand will send, why, and how subscribers opt in and out."""
