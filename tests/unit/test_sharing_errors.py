"""Every core error code is mapped in every door; the sharing codes to TCR's numbers."""

from __future__ import annotations

import dataclasses

import pytest

from tendlc.api.native_errors import HTTP_STATUS
from tendlc.core import errors
from tendlc.dialects.tcr.errors import TCR_CODES, TCR_DESCRIPTIONS

SHARING_CODES = {
    errors.MockNotAllowed: 536,
    errors.SharingDeclined: 522,
    errors.SharingLoop: 523,
    errors.NotTheUpstream: 205,
    errors.SharingAlreadyDecided: 592,
    errors.NotMigrationOwner: 500,
    errors.CampaignExpired: 518,
    errors.OperationDeclined: 592,
}


@pytest.mark.parametrize(("error", "tcr"), SHARING_CODES.items())
def test_sharing_errors_map_to_tcr_codes(error, tcr):
    code = next(f.default for f in dataclasses.fields(error) if f.name == "code")
    assert code in errors.ALL_ERROR_CODES
    assert TCR_CODES[code] == tcr and tcr in TCR_DESCRIPTIONS
    assert code in HTTP_STATUS


def test_every_core_code_is_mapped_in_every_door():
    assert set(errors.ALL_ERROR_CODES) <= set(TCR_CODES)
    assert set(errors.ALL_ERROR_CODES) <= set(HTTP_STATUS)
    assert {TCR_CODES[c] for c in errors.ALL_ERROR_CODES} <= set(TCR_DESCRIPTIONS)
