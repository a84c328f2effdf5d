"""Search totals come from running counts per search group (``campaign_counts``): they must always equal
the number of campaigns a search matches, through creation, updates, deactivation and sharing, with tags,
and for the searches the counts cannot answer (by referenceId, several tags). Pages are found from the
index first, then their documents read; the order and the paging must not change."""

from __future__ import annotations

from itertools import product
from typing import Any

import pytest
from sqlalchemy import func, select

from tendlc.core.ports import CampaignFilter
from tendlc.db import campaign_counts as counts
from tendlc.db.campaigns_repo import SqlCampaigns
from tendlc.db.tables import campaigns
from tendlc.db.tables_counts import campaign_counts
from tests.registry_support import new_campaign, verified_brand


def search_total(csp: Any, **params: Any) -> int:
    answer = csp.http.get("/v2/campaign/search", params=params)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["totalRecords"])


def all_ids(csp: Any, path: str = "/v2/campaign/search", **params: Any) -> list[str]:
    ids: list[str] = []
    for page in range(1, 20):
        answer = csp.http.get(path, params={**params, "page": page, "recordsPerPage": 3}).json()
        ids += [r["campaignId"] for r in answer["records"]]
        if len(answer["records"]) < 3:
            return ids
    raise AssertionError("too many pages")


def assert_counts_match_rows(container: Any) -> None:
    """Every (CSP, group) count equals the campaigns in that group, over all campaigns and per tag."""
    columns = [campaigns.c[c] for c in counts.GROUP_COLUMNS]
    with container.engine.connect() as conn:
        grouped = select(campaigns.c.csp_id, *columns, func.count()).group_by(campaigns.c.csp_id, *columns)
        rows = {(r[0], counts.group_key(counts.group_of(dict(zip(counts.GROUP_COLUMNS, r[1:-1], strict=True))))): r[-1]
                for r in conn.execute(grouped)}
        kept = {(r.csp_id, r.group_key): r.n for r in conn.execute(
            select(campaign_counts).where(campaign_counts.c.tag == counts.EVERY, campaign_counts.c.n != 0))}
    assert kept == rows


@pytest.fixture
def catalogue(make_party: Any, run_workers: Any) -> Any:
    """A CSP with campaigns of several brands, use cases, tags and renewal settings; and another CSP."""
    csp = make_party()
    other = make_party(name="Other CSP")
    first = verified_brand(csp, run_workers)
    second = verified_brand(csp, run_workers, displayName="Second Dental", ein="11-1111111")
    theirs = verified_brand(other, run_workers)
    made = {
        "a": new_campaign(csp, first, tag=["Spring", "vip"], referenceId="a-1"),
        "b": new_campaign(csp, first, usecase="MARKETING", subUsecases=[], autoRenewal=False, tag=["spring"]),
        "c": new_campaign(csp, second, vertical="RETAIL", tag=["vip"]),
        "d": new_campaign(csp, second, usecase="MARKETING", subUsecases=[], vertical="RETAIL"),
        "e": new_campaign(csp, first, resellerId="R000000"),
    }
    new_campaign(other, theirs, tag=["vip"])
    return csp, {"first": first, "second": second}, made


def brute_force(container: Any, csp_id: str, where: CampaignFilter) -> int:
    """The total by counting the matching campaigns (what the search did before the running counts)."""
    with container.uow() as uow:
        repo: SqlCampaigns = uow.campaigns  # type: ignore[assignment]
        original = counts.total
        try:
            counts.total = lambda *_: None  # type: ignore[assignment]
            return repo.search(csp_id, where, repo_page()).total
        finally:
            counts.total = original  # type: ignore[assignment]


def repo_page() -> Any:
    from tendlc.core.model import PageRequest

    return PageRequest(1, 1)


def test_totals_equal_the_matching_campaigns_for_every_combination_of_filters(catalogue, container):
    csp, brands, _ = catalogue
    assert_counts_match_rows(container)
    brand_ids = [None, brands["first"], brands["second"], "BNOSUCH"]
    for brand, usecase, renewal, tag in product(brand_ids, [None, "MIXED", "MARKETING"], [None, True, False],
                                                [None, "vip", "SPRING", "none"]):
        params = {k: v for k, v in {"brandId": brand, "usecase": usecase, "autoRenewal": renewal,
                                    "tag": tag}.items() if v is not None}
        where = CampaignFilter(brand_id=brand, usecase=usecase, auto_renewal=renewal,
                               tags=(tag,) if tag else ())
        assert search_total(csp, **params) == brute_force(container, csp.cnp_id, where), params


def test_totals_the_counts_cannot_answer_are_counted(catalogue):
    csp, _, _ = catalogue
    assert search_total(csp, referenceId="A-1") == 1
    assert search_total(csp, referenceId="nope") == 0
    assert search_total(csp, tag=["vip", "spring"]) == 1
    assert search_total(csp, tag=["vip", "vip"]) == 2


def test_updates_deactivation_and_sharing_move_campaigns_between_groups(catalogue, container, make_party):
    csp, _, made = catalogue
    assert csp.http.put(f"/v2/campaign/{made['a']}", json={"autoRenewal": False}).status_code == 200
    assert csp.http.put(f"/v2/campaign/{made['e']}", json={"sample3": "Acme Dental: we moved to 2 Main St. "
                                                           "Reply STOP to opt out."}).status_code == 200
    assert csp.http.delete(f"/v2/campaign/{made['c']}").status_code == 204
    assert csp.http.delete(f"/v2/campaign/{made['c']}").status_code == 204  # idempotent: counted once
    assert_counts_match_rows(container)
    assert search_total(csp, autoRenewal=False) == 2
    assert search_total(csp, status="EXPIRED") == 1
    assert search_total(csp, status="ACTIVE", tag="vip") == 1
    dca = make_party(kind="dca", name="Acme DCA", code="DCAONE")
    shared = csp.http.put(f"/v2/campaign/{made['b']}/sharing/{dca.cnp_id}")
    assert shared.status_code == 200, shared.text  # sharing sets the campaign's upstream: another group
    assert_counts_match_rows(container)
    assert search_total(csp, upstreamCnpId=dca.cnp_id) == 1
    assert search_total(csp) == 5


def test_pages_keep_the_order_and_cover_every_campaign_once(catalogue):
    csp, _, made = catalogue
    listed = all_ids(csp)
    assert sorted(listed) == sorted(made.values())
    assert listed == sorted(made.values(), reverse=True)  # one create date (a manual clock): campaignId desc
    assert all_ids(csp, "/v2/campaign", usecase="MARKETING") == sorted([made["b"], made["d"]], reverse=True)
    assert all_ids(csp, tag="vip") == sorted([made["a"], made["c"]], reverse=True)


def test_the_migration_counts_the_campaigns_already_stored(tmp_path):
    from datetime import datetime

    from sqlalchemy import insert

    from tendlc.db.engine import build_engine
    from tendlc.db.migrate import upgrade
    from tendlc.db.tables import tags
    from tests.old_database import add_accounts_and_brands

    engine = build_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0001")  # a database from before the running counts
        at = datetime(2026, 1, 1)
        with engine.begin() as conn:
            add_accounts_and_brands(conn, at)
            rows = []
            for n, (brand, usecase, renewal, status) in enumerate(product(
                    ("BAAAAAA", "BBBBBBB"), ("MIXED", "MARKETING"), (True, False), ("ACTIVE", "EXPIRED"))):
                for copy in range(n % 3 + 1):
                    rows.append({"campaign_id": f"C{n:03d}{copy:03d}", "csp_id": "S" + brand[1:], "brand_id": brand,
                                 "status": status, "usecase": usecase, "vertical": "RETAIL" if copy else None,
                                 "reseller_id": "R000000", "auto_renewal": renewal, "mock": n % 5 == 0,
                                 "create_date": at, "version": 1, "doc": {}})
            conn.execute(insert(campaigns), rows)
            conn.execute(insert(tags), [{"record_type": "CAMPAIGN", "record_id": r["campaign_id"], "name": t}
                                        for r in rows[::2] for t in ("vip", "spring")])
        upgrade(engine)

        class Stored:
            pass

        container = Stored()
        container.engine = engine  # type: ignore[attr-defined]
        assert_counts_match_rows(container)
        with engine.connect() as conn:
            tagged = conn.execute(select(func.sum(campaign_counts.c.n)).where(campaign_counts.c.tag == "vip")).scalar()
        assert tagged == len(rows[::2])
        with engine.connect() as conn:
            keys = dict(conn.execute(select(campaigns.c.campaign_id, campaigns.c.tag_key)).all())
        assert keys == {r["campaign_id"]: "|spring|vip|" if n % 2 == 0 else "" for n, r in enumerate(rows)}
    finally:
        engine.dispose()


def test_a_tag_filter_matches_whole_tags_only(make_party, run_workers):
    csp = make_party()
    brand = verified_brand(csp, run_workers)
    exact = new_campaign(csp, brand, tag=["vip_1", "east"])
    new_campaign(csp, brand, tag=["vipx1"])
    new_campaign(csp, brand, tag=["vip_10"])
    for params, expected in (({"tag": "vip_1"}, [exact]), ({"tag": "VIP_1"}, [exact]), ({"tag": "vip"}, []),
                             ({"tag": "ip_1"}, []), ({"tag": ["east", "vip_1"]}, [exact])):
        assert all_ids(csp, **params) == expected, params
        assert search_total(csp, **params) == len(expected), params
