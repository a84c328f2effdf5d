"""Readiness: can a campaign send, and if not, why (``derive.readiness``); the traffic gate that enforces
it with the carriers' caps (``traffic.preflight``); and a provider customer's view of its campaigns
(``customers``). Dialects map :class:`~tendlc.core.readiness.model.Stage` to their own words."""
