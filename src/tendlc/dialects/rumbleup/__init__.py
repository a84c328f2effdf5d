"""The RumbleUp TCR dialect: ``/api/tcr/…`` with HTTP Basic ``cid:apikey`` (a provider's customer view)."""
