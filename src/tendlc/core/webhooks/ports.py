"""What the webhook use cases need from storage (``db/webhooks_repo.py`` implements it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from tendlc.core.model import Page, PageRequest
from tendlc.core.ports import UnitOfWork
from tendlc.core.webhooks.model import Delivery, DeliveryFilter, Dialect, Endpoint

UrlCheck = Callable[[str], "str | None"]
"""Says what is wrong with an endpoint URL's address (private, loopback, …), or None when it may be used."""


class WebhookRepository(Protocol):
    def tcr_subscription(self, cnp_id: str, category: str) -> Endpoint | None:
        """The account's subscription to ``category``, even a removed one (it is revived on re-subscribe)."""
        ...

    def endpoint_by_category(self, cnp_id: str, dialect: Dialect, category: str) -> Endpoint | None:
        """The account's endpoint of ``dialect`` and ``category``, even a removed one (Telnyx: ``tx:<id>``)."""
        ...

    def endpoints(self, cnp_id: str, dialect: Dialect) -> list[Endpoint]:
        """The account's live endpoints of one dialect, oldest first."""
        ...

    def endpoint(self, endpoint_id: str) -> Endpoint | None:
        """A live endpoint by id (None once removed)."""
        ...

    def add_endpoint(self, endpoint: Endpoint) -> None: ...
    def save_endpoint(self, endpoint: Endpoint) -> None: ...

    def deliveries(self, cnp_id: str, where: DeliveryFilter, page: PageRequest) -> Page[Delivery]:
        """The account's deliveries, newest first, each with its attempts."""
        ...

    def delivery(self, delivery_id: str) -> Delivery | None: ...

    def redeliver(self, delivery_id: str, at: datetime) -> None:
        """Make a delivery pending again and due at ``at``, with a fresh retry budget."""
        ...


class WebhooksUnitOfWork(UnitOfWork, Protocol):
    @property
    def webhooks(self) -> WebhookRepository: ...
