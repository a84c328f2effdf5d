"""Account ids as created by ``core/accounts/service.create_account``: CSP ids are generated (``S`` + 6),
DCA codes are given (2–7 upper-case letters or digits) and unique."""

from __future__ import annotations

import pytest

from tendlc.bootstrap import Container
from tendlc.core.accounts import service as accounts
from tendlc.core.accounts.model import Account, AccountKind
from tendlc.core.errors import Duplicate, InvalidInput
from tendlc.core.ids import CSP_ID


def create(container: Container, kind: str, name: str = "Acme", code: str | None = None) -> Account:
    with container.uow(write=True) as uow:
        return accounts.create_account(uow, container.ids, container.clock, kind, name, code)


def stored(container: Container, cnp_id: str) -> Account | None:
    with container.uow() as uow:
        return uow.accounts.get(cnp_id)


@pytest.mark.parametrize("code", ["AB", "DCA123", "ABCDEFG", "1234567", "A1"])
def test_a_dca_code_of_2_to_7_upper_alphanumerics_is_accepted(container: Container, code: str) -> None:
    account = create(container, "dca", "Acme DCA", code)
    assert account.cnp_id == code and account.kind is AccountKind.DCA
    assert stored(container, code) == account


@pytest.mark.parametrize("code", ["A", "ABCDEFGH", "dca123", "Dca123", "DCA-12", "DCA 12", "DCA_12", "", "DCA12\n",
                                  " DCA12", "DCÅ12"])
def test_any_other_dca_code_is_refused_naming_the_id(container: Container, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        create(container, "dca", "Acme DCA", code)
    assert caught.value.fields == ["id"]
    assert "2-7 upper-case letters or digits" in caught.value.message
    assert stored(container, code) is None


def test_a_dca_needs_a_code(container: Container) -> None:
    with pytest.raises(InvalidInput) as caught:
        create(container, "dca", "Acme DCA", None)
    assert caught.value.fields == ["id"]


def test_a_dca_code_is_unique(container: Container) -> None:
    create(container, "dca", "First DCA", "DCA123")
    with pytest.raises(Duplicate) as caught:
        create(container, "dca", "Second DCA", "DCA123")
    assert caught.value.fields == ["id"] and "DCA123" in caught.value.message


@pytest.mark.parametrize("kind", ["csp", "CSP", "Csp"])
def test_a_csp_id_is_generated_in_the_s_plus_6_format(container: Container, kind: str) -> None:
    ids = {create(container, kind, f"Acme {i}").cnp_id for i in range(20)}
    assert len(ids) == 20
    assert all(CSP_ID.fullmatch(i) for i in ids)


def test_a_csp_id_cannot_be_chosen(container: Container) -> None:
    with pytest.raises(InvalidInput) as caught:
        create(container, "csp", "Acme", "S1A2B3C")
    assert caught.value.fields == ["id"]
    assert stored(container, "S1A2B3C") is None


def test_an_unknown_kind_and_a_bad_name_are_reported_together(container: Container) -> None:
    with pytest.raises(InvalidInput) as caught:
        create(container, "mno", "   ")
    assert set(caught.value.fields) == {"kind", "name"}
