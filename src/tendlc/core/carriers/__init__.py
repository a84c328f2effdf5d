"""Carriers (MNOs): their terms as dated data (``terms``) and qualification of a brand for a use case
(``qualify``, pure; ``service``, the use cases on a unit of work)."""
