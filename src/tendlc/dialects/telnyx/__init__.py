"""The Telnyx 10DLC dialect: ``/v2/10dlc/…`` with Bearer auth (see docs/telnyx.md)."""
