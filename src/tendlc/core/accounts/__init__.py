"""Accounts (CNPs: CSPs and DCAs) and their API keys."""
