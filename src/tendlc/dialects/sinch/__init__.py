"""Sinch's 10DLC campaign registration API (``/v1/projects/{projectId}/campaignRegistrations…``)."""
