"""Brands: the legal entities behind the messages."""
