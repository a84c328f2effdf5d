"""The fingerprints of campaign texts (``campaign_texts``) behind the lint's reuse checks: kept for every
campaign stored, and made by the migration for the campaigns stored before it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

from tendlc.core.compliance.fingerprint import DESCRIPTION, SAMPLE, campaign_fingerprints, fingerprint
from tendlc.core.compliance.ports import BrandKey
from tendlc.db.compliance_lookups import SqlComplianceLookups
from tendlc.db.engine import build_engine
from tendlc.db.migrate import upgrade
from tendlc.db.tables import campaigns
from tendlc.db.tables_compliance import campaign_texts
from tests.old_database import add_accounts_and_brands

DESCRIPTION_TEXT = "Appointment reminders and office updates for the patients of a dental practice."
SAMPLES = ["Acme Dental: your cleaning is on Tue 3pm. Reply STOP to opt out.",
           "Acme Dental: we are closed Monday for the holiday. Reply STOP to opt out."]


def test_fingerprints_ignore_case_and_spacing_only() -> None:
    assert fingerprint("Hello  there\n world") == fingerprint(" hello there WORLD ")
    assert fingerprint("Hello there world.") != fingerprint("Hello there world")
    assert fingerprint("   ") is None and fingerprint(None) is None
    doc = {"description": DESCRIPTION_TEXT, "sample1": SAMPLES[0], "sample2": SAMPLES[1], "sample3": " "}
    assert campaign_fingerprints(doc) == {(DESCRIPTION, fingerprint(DESCRIPTION_TEXT)),
                                          (SAMPLE, fingerprint(SAMPLES[0])), (SAMPLE, fingerprint(SAMPLES[1]))}


def test_the_migration_fingerprints_the_campaigns_already_stored(tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0001")  # a database from before the fingerprints
        at = datetime(2026, 1, 1)
        with engine.begin() as conn:
            add_accounts_and_brands(conn, at)
            conn.execute(insert(campaigns), [
                {"campaign_id": f"C{n:06d}", "csp_id": "SAAAAAA", "brand_id": "BAAAAAA", "status": "ACTIVE",
                 "usecase": "MIXED", "reseller_id": "R000000", "auto_renewal": True, "mock": False,
                 "create_date": at, "version": 1,
                 "doc": {"description": DESCRIPTION_TEXT if n == 7 else f"Campaign number {n} of the old database.",
                         "sample1": SAMPLES[0], "sample2": SAMPLES[1] if n % 2 else "Another sample text here."}}
                for n in range(2500)])  # more than one batch of the migration
        upgrade(engine)
        with engine.connect() as conn:
            stored = conn.execute(select(campaign_texts.c.campaign_id)).all()
            assert len(stored) == 2500 * 3  # a description and two samples each
            lookups = SqlComplianceLookups(conn)
            other = BrandKey("BBBBBBB", None)
            assert lookups.brands_with_description(DESCRIPTION_TEXT.upper(), other) == 1
            assert lookups.brands_with_samples(SAMPLES, other) == 1
            assert lookups.brands_with_description(DESCRIPTION_TEXT, BrandKey("BAAAAAA", None)) == 0  # its own
    finally:
        engine.dispose()
