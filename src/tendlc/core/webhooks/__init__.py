"""Webhook subscriptions (TCR categories, native endpoints) and deliveries, as the core sees them."""
