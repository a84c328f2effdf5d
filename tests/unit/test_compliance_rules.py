"""Every compliance rule fires on a bad example and stays silent on the good campaign."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from tendlc.core.compliance import PROFILES, RULES, RULESET_VERSION, Severity
from tendlc.core.compliance.ports import BrandKey
from tests.compliance_support import codes, good_brand, good_campaign, lint

S1 = "Bayside Dental: your cleaning is booked for Tue 3pm. Reply STOP to opt out."
LINKED = dict(sample1="Bayside Dental: confirm your visit at https://baysidedental.com/c/123. Reply STOP to opt out.",
              embeddedLink=True, embeddedLinkSample="https://baysidedental.com/c/123")
PHONED = dict(sample1="Bayside Dental: call us at (415) 555-0142 to reschedule. Reply STOP to opt out.",
              embeddedPhone=True)
VERBAL = ("Patients agree verbally over the phone when booking. Bayside Dental, 4 msgs/month, Msg & data rates "
          "may apply, reply HELP for help, reply STOP to opt out, privacy policy read out.")

# code -> (campaign changes, brand changes or None for the good brand, profile)
BAD: dict[str, tuple[dict[str, Any], dict[str, Any] | None, str]] = {
    "DESCRIPTION_LENGTH": ({"description": "Too short."}, None, "tcr"),
    "DESCRIPTION_TOO_VAGUE": ({"description": "Bayside Dental sends appointment texts to patients, 4 msgs/month."},
                              None, "tcr"),
    "MESSAGE_FLOW_LENGTH": ({"messageFlow": "x" * 3000 + " web form https://a.com 4 msgs/month"}, None, "sinch"),
    "SAMPLE_LENGTH": ({"sample3": "Bayside: STOP"}, None, "tcr"),
    "REPLY_MESSAGE_LENGTH": ({"helpMessage": "Bayside Dental: call (415) 555-0142. " + "x" * 300}, None, "sinch"),
    "KEYWORDS_TOO_LONG": ({"helpKeywords": "HELP," + ",".join(["INFO"] * 60)}, None, "tcr"),
    "TEXT_NOT_CLEAN": ({"sample1": S1 + "  "}, None, "tcr"),
    "USECASE_UNKNOWN": ({"usecase": "SPAM"}, None, "tcr"),
    "SUB_USECASE_COUNT": ({"subUsecases": ["CUSTOMER_CARE"]}, None, "tcr"),
    "SUB_USECASE_INVALID": ({"subUsecases": ["CUSTOMER_CARE", "CUSTOMER_CARE", "PROXY"]}, None, "tcr"),
    "SAMPLE_COUNT_TOO_LOW": ({"sample2": ..., "sample3": ...}, None, "tcr"),
    "SAMPLE_COUNT_LOW": ({"sample3": ...}, None, "tcr"),
    "SAMPLES_FEWER_THAN_SUB_USECASES": ({"subUsecases": ["ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "2FA",
                                                         "FRAUD_ALERT"]}, None, "tcr"),
    "SPECIAL_USECASE_REVIEW": ({"usecase": "SOCIAL", "subUsecases": []}, None, "tcr"),
    "KEYWORDS_FORMAT": ({"optoutKeywords": "STOP, QUIT,END,CANCEL,UNSUBSCRIBE"}, None, "tcr"),
    "OPT_OUT_KEYWORDS_MISSING_STOP": ({"optoutKeywords": "QUIT,END"}, None, "tcr"),
    "OPT_OUT_KEYWORDS_INCOMPLETE": ({"optoutKeywords": "STOP"}, None, "tcr"),
    "HELP_KEYWORDS_MISSING_HELP": ({"helpKeywords": "INFO"}, None, "tcr"),
    "KEYWORDS_OVERLAP": ({"optinKeywords": "JOIN,STOP"}, None, "tcr"),
    "OPT_IN_KEYWORD_NOT_DESCRIBED": ({"optinKeywords": "SMILE"}, None, "tcr"),
    "SUBSCRIBER_FLAGS": ({"subscriberHelp": False}, None, "tcr"),
    "MESSAGE_FLOW_NO_OPT_IN_METHOD": ({"messageFlow": "Bayside Dental patients get texts, 4 msgs/month. Msg & data "
                                                      "rates may apply. Reply HELP for help, STOP to opt out. "
                                                      "Privacy policy linked."}, None, "tcr"),
    "MESSAGE_FLOW_WEB_OPT_IN_NO_URL": ({"messageFlow": good_campaign()["messageFlow"].replace(
        "https://baysidedental.com/book", "our website")}, None, "tcr"),
    "MESSAGE_FLOW_NO_PROOF_LINK": ({"messageFlow": VERBAL}, None, "tcr"),
    "MESSAGE_FLOW_VERBAL_NO_SCRIPT": ({"messageFlow": VERBAL}, None, "tcr"),
    "MESSAGE_FLOW_MISSING_BRAND_NAME": ({"messageFlow": good_campaign()["messageFlow"].replace(
        "Bayside Dental ", "")}, None, "tcr"),
    "MESSAGE_FLOW_MISSING_STOP": ({"messageFlow": good_campaign()["messageFlow"].replace(", reply STOP to opt out",
                                                                                         "")}, None, "tcr"),
    "MESSAGE_FLOW_MISSING_HELP": ({"messageFlow": good_campaign()["messageFlow"].replace("Reply HELP for help, ",
                                                                                         "")}, None, "tcr"),
    "MESSAGE_FLOW_MISSING_RATES": ({"messageFlow": good_campaign()["messageFlow"].replace(
        "Msg & data rates may apply. ", "")}, None, "tcr"),
    "MESSAGE_FLOW_MISSING_FREQUENCY": ({"messageFlow": good_campaign()["messageFlow"].replace(", 4 msgs/month", "")},
                                       None, "tcr"),
    "MESSAGE_FLOW_MISSING_POLICY_LINKS": ({"messageFlow": good_campaign()["messageFlow"].replace(
        "Privacy policy and terms are linked next to the box.", "")}, None, "tcr"),
    "MESSAGE_FLOW_CONSENT_NOT_OPTIONAL": ({"messageFlow": good_campaign()["messageFlow"] + " The box is pre-checked."},
                                          None, "tcr"),
    "MESSAGE_FLOW_MARKETING_VERBAL_ONLY": ({"messageFlow": VERBAL, "subUsecases": ["MARKETING", "CUSTOMER_CARE"]},
                                           None, "tcr"),
    "CONSENT_SHARED_WITH_THIRD_PARTIES": ({"messageFlow": good_campaign()["messageFlow"] + " Our partners may "
                                                                                          "contact you."}, None, "tcr"),
    "MESSAGE_FLOW_COURT_ORDERED": ({"messageFlow": good_campaign()["messageFlow"] + " Enrolled by court order."},
                                   None, "tcr"),
    "OPT_IN_MESSAGE_MISSING": ({"optinMessage": ...}, None, "tcr"),
    "OPT_IN_MESSAGE_MISSING_BRAND_NAME": ({"optinMessage": "You are subscribed to appointment texts, 4 msgs/month. "
                                                           "Msg & data rates may apply. Reply HELP for help, STOP to "
                                                           "opt out."}, None, "tcr"),
    "OPT_IN_MESSAGE_MISSING_FREQUENCY": ({"optinMessage": "Bayside Dental: you are subscribed. Msg & data rates may "
                                                          "apply. Reply HELP for help, STOP to opt out."}, None, "tcr"),
    "OPT_IN_MESSAGE_MISSING_RATES": ({"optinMessage": "Bayside Dental: you are subscribed, 4 msgs/month. Reply HELP "
                                                      "for help, STOP to opt out."}, None, "tcr"),
    "OPT_IN_MESSAGE_MISSING_HELP": ({"optinMessage": "Bayside Dental: you are subscribed, 4 msgs/month. Msg & data "
                                                     "rates may apply. Reply STOP to opt out."}, None, "tcr"),
    "OPT_IN_MESSAGE_MISSING_STOP": ({"optinMessage": "Bayside Dental: you are subscribed, 4 msgs/month. Msg & data "
                                                     "rates may apply. Reply HELP for help."}, None, "tcr"),
    "OPT_IN_MESSAGE_NO_CONFIRMATION": ({"optinMessage": "Bayside Dental: 4 msgs/month. Msg & data rates may apply. "
                                                        "Reply HELP for help, STOP to opt out."}, None, "tcr"),
    "OPT_OUT_MESSAGE_MISSING": ({"optoutMessage": ""}, None, "tcr"),
    "OPT_OUT_MESSAGE_NO_CONFIRMATION": ({"optoutMessage": "Bayside Dental: sorry to see you go!"}, None, "tcr"),
    "OPT_OUT_MESSAGE_MISSING_BRAND_NAME": ({"optoutMessage": "You are unsubscribed and will receive no more "
                                                             "messages."}, None, "tcr"),
    "OPT_OUT_MESSAGE_PROMOTIONAL": ({"optoutMessage": "Bayside Dental: you are unsubscribed and will receive no more "
                                                      "messages. Get 20% off whitening: baysidedental.com/w"},
                                    None, "tcr"),
    "HELP_MESSAGE_MISSING": ({"helpMessage": None}, None, "tcr"),
    "HELP_MESSAGE_MISSING_BRAND_NAME": ({"helpMessage": "For help call (415) 555-0142 or email "
                                                        "office@baysidedental.com."}, None, "tcr"),
    "HELP_MESSAGE_MISSING_CONTACT": ({"helpMessage": "Bayside Dental: we are happy to help, just ask."}, None, "tcr"),
    "HELP_MESSAGE_EMAIL_DOMAIN_MISMATCH": ({"helpMessage": "Bayside Dental: for help email baysidedental@gmail.com."},
                                           None, "tcr"),
    "SAMPLE_MISSING_BRAND_NAME": ({f"sample{i}": f"Your visit number {i} is booked for Tue 3pm. Reply STOP to opt "
                                   "out." for i in (1, 2, 3)}, None, "tcr"),
    "SAMPLE_BRAND_NAME_NOT_IN_EVERY": ({"sample2": "Thanks for your question, Dr. Lee will reply shortly. Reply STOP "
                                                   "to opt out."}, None, "tcr"),
    "SAMPLE_MISSING_OPT_OUT": ({f"sample{i}": f"Bayside Dental: visit number {i} is booked for Tuesday."
                                for i in (1, 2, 3)}, None, "tcr"),
    "SAMPLE_OPT_OUT_NOT_IN_EVERY": ({"sample2": "Bayside Dental: thanks for your question, Dr. Lee will reply "
                                                "shortly."}, None, "tcr"),
    "OPT_OUT_KEYWORD_NOT_SEPARATE": ({"sample1": "Bayside Dental: your cleaning is booked for Tue 3pm. Txt STOP2END."},
                                     None, "tcr"),
    "PLACEHOLDER_UNFILLED": ({"sample1": "{Brand name}: your cleaning is booked for Tue 3pm. Reply STOP to opt out."},
                             None, "tcr"),
    "MERGE_FIELD_UNDECLARED": ({"sample1": "Bayside Dental: hi @name@, your cleaning is booked. Reply STOP to opt "
                                           "out."}, None, "tcr"),
    "SAMPLE_FILLER_TEXT": ({"sample3": "Bayside Dental: this is a test message. Reply STOP to opt out."}, None, "tcr"),
    "SAMPLES_ONLY_AUTO_REPLIES": ({"sample1": good_campaign()["optoutMessage"], "sample2": good_campaign()[
        "optinMessage"], "sample3": "Bayside Dental: you have been unsubscribed, no further messages. Reply STOP "
                                    "to opt out."}, None, "tcr"),
    "SAMPLES_NEAR_IDENTICAL": ({"sample2": S1.replace("Tue", "Wed")}, None, "tcr"),
    "SAMPLE_MISSING_MARKETING_DISCLOSURES": ({"subUsecases": ["MARKETING", "CUSTOMER_CARE"]}, None, "tcr"),
    "SAMPLE_REQUESTS_SENSITIVE_DATA": ({"sample3": "Bayside Dental: please reply with your SSN to finish check-in. "
                                                   "Reply STOP to opt out."}, None, "tcr"),
    "SAMPLE_DECEPTIVE_PATTERN": ({"sample3": "Bayside Dental: you've won a free whitening, claim your prize today. "
                                             "Reply STOP to opt out."}, None, "tcr"),
    "SAMPLE_USECASE_MISMATCH": ({"usecase": "ACCOUNT_NOTIFICATION", "subUsecases": [], "sample3":
                                 "Bayside Dental: whitening sale this week only! Reply STOP to opt out."}, None, "tcr"),
    "CONTENT_CANNABIS": ({"sample3": "Bayside Dental: try our CBD mouth rinse. Reply STOP to opt out."}, None, "tcr"),
    "CONTENT_ADULT": ({"description": good_campaign()["description"] + " Includes adult content."}, None, "tcr"),
    "CONTENT_PROFANITY": ({"sample3": "Bayside Dental: holy shit, your teeth look great. Reply STOP to opt out."},
                          None, "tcr"),
    "CONTENT_GAMBLING": ({"sample3": "Bayside Dental: poker night on Friday at the office. Reply STOP to opt out."},
                         None, "tcr"),
    "CONTENT_SWEEPSTAKES_OUTSIDE_USECASE": ({"sample3": "Bayside Dental: enter to win a free cleaning. Reply STOP to "
                                                        "opt out."}, None, "tcr"),
    "CONTENT_HIGH_RISK_FINANCIAL": ({"sample3": "Bayside Dental: pay for braces with crypto. Reply STOP to opt out."},
                                    None, "tcr"),
    "CONTENT_LEAD_GENERATION": ({"description": good_campaign()["description"] + " We also do lead generation."},
                                None, "tcr"),
    "CONTENT_GET_RICH_QUICK": ({"sample3": "Bayside Dental: earn passive income as a referral partner. Reply STOP to "
                                           "opt out."}, None, "tcr"),
    "CONTENT_CONTROLLED_SUBSTANCES": ({"sample3": "Bayside Dental: oxycodone refills without a prescription. Reply "
                                                  "STOP to opt out."}, None, "tcr"),
    "AGE_GATED_CONTENT_NOT_FLAGGED": ({"sample3": "Bayside Dental: free wine at our open house. Reply STOP to opt "
                                                  "out."}, None, "tcr"),
    "AGE_RESTRICTED_CONTENT": ({"sample3": "Bayside Dental: free wine at our open house. Reply STOP to opt out.",
                                "ageGated": True}, None, "tcr"),
    "AGE_GATE_NOT_ROBUST": ({"ageGated": True}, None, "tcr"),
    "DIRECT_LENDING_NOT_FLAGGED": ({"sample3": "Bayside Dental: financing is available for implants. Reply STOP to "
                                               "opt out."}, None, "tcr"),
    "DIRECT_LENDING_NOT_IN_DESCRIPTION": ({"directLending": True}, None, "tcr"),
    "THIRD_PARTY_LENDING": ({"description": good_campaign()["description"] + " We work with lending partners."},
                            None, "tcr"),
    "AFFILIATE_MARKETING": ({"affiliateMarketing": True}, None, "tcr"),
    "EMBEDDED_LINK_NOT_DECLARED": ({**LINKED, "embeddedLink": False}, None, "tcr"),
    "EMBEDDED_LINK_DECLARED_UNUSED": ({"embeddedLink": True, "embeddedLinkSample": "https://baysidedental.com/c"},
                                      None, "tcr"),
    "EMBEDDED_PHONE_NOT_DECLARED": ({**PHONED, "embeddedPhone": False}, None, "tcr"),
    "EMBEDDED_PHONE_DECLARED_UNUSED": ({"embeddedPhone": True}, None, "tcr"),
    "FLAGS_CONTRADICT_DESCRIPTION": ({"description": good_campaign()["description"] + " Messages may include links."},
                                     None, "tcr"),
    "EMBEDDED_LINK_SAMPLE_INVALID": ({**LINKED, "embeddedLinkSample": "https://othersite.com/x"}, None, "tcr"),
    "PUBLIC_URL_SHORTENER": ({**LINKED, "sample1": "Bayside Dental: confirm at https://bit.ly/3xYz. Reply STOP to "
                                                   "opt out."}, None, "tcr"),
    "INSECURE_URL": ({**LINKED, "sample1": "Bayside Dental: confirm at http://baysidedental.com/c/123. Reply STOP "
                                           "to opt out."}, None, "tcr"),
    "URL_RAW_IP_ADDRESS": ({**LINKED, "sample1": "Bayside Dental: confirm at https://203.0.113.9/c. Reply STOP to "
                                                 "opt out."}, None, "tcr"),
    "SAMPLE_MULTIPLE_LINKS": ({**LINKED, "sample1": "Bayside Dental: confirm at https://baysidedental.com/c or "
                                                    "https://other.com/c. Reply STOP to opt out."}, None, "tcr"),
    "POLICY_LINK_INVALID": ({"privacyPolicyLink": "http://baysidedental.com/privacy"}, None, "tcr"),
    "PRIVACY_POLICY_MISSING": ({"privacyPolicyLink": ...}, None, "tcr"),
    "TERMS_LINK_MISSING": ({"termsAndConditionsLink": ...}, None, "tcr"),
    "CHARITY_BRAND_NOT_NONPROFIT": ({"usecase": "CHARITY", "subUsecases": []}, None, "tcr"),
    "SOLE_PROPRIETOR_MISMATCH": ({"usecase": "SOLE_PROPRIETOR", "subUsecases": ["CUSTOMER_CARE"]}, None, "tcr"),
    "DESCRIPTION_MISSING_BRAND_NAME": ({"description": good_campaign()["description"].replace("Bayside Dental",
                                                                                              "We")}, None, "tcr"),
    "DESCRIPTION_MISSING_FREQUENCY": ({"description": good_campaign()["description"].replace("; about 4 msgs per "
                                                                                             "month", "")},
                                      None, "tcr"),
    "BRAND_FREE_EMAIL": ({}, {"email": "baysidedental@gmail.com"}, "tcr"),
    "BRAND_PO_BOX_ADDRESS": ({}, {"street": "PO Box 12"}, "tcr"),
    "POLICY_DOMAIN_MISMATCH": ({"privacyPolicyLink": "https://policies.example.com/bayside"}, None, "tcr"),
}
REGISTRY_RULES = {"DESCRIPTION_REUSED", "SAMPLES_REUSED", "EIN_REUSED", "BRAND_IS_PLATFORM"}


def test_every_rule_has_a_bad_example() -> None:
    assert set(RULES) - REGISTRY_RULES == set(BAD)
    assert len(RULES) >= 100 and RULESET_VERSION


def test_every_rule_maps_to_a_tcr_rejection_category() -> None:
    from tendlc.core.catalog.registry import REJECTION_CATEGORIES

    assert {r.category for r in RULES.values()} <= set(REJECTION_CATEGORIES)
    assert all(r.fix and r.reference for r in RULES.values())


@pytest.mark.parametrize("code", sorted(BAD))
def test_rule_fires_on_its_bad_example(code: str) -> None:
    changes, brand_changes, profile = BAD[code]
    report = lint(good_campaign(**changes), good_brand(**(brand_changes or {})), profile)
    found = [f for f in report.findings if f.code == code]
    assert found, (code, [(f.code, f.message) for f in report.findings])
    f = found[0]
    assert f.fields and f.message and f.fix and f.rejection_category and f.reference
    assert f.severity == PROFILES[profile].severity(code, RULES[code].severity)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_the_good_campaign_passes_clean_under_every_profile(profile: str) -> None:
    report = lint(profile=profile)
    assert report.ok and report.errors == report.warnings == 0 and report.findings == [], report.findings
    assert report.profile == profile and report.skipped == sorted(REGISTRY_RULES, key=list(RULES).index)


class FakeRegistry:
    """Registry lookups that say every description/sample/EIN is reused and every name is a platform."""

    def __init__(self, reused: bool) -> None:
        self.reused = reused
        self.seen: list[BrandKey] = []

    def brands_with_description(self, description: str, other_than: BrandKey) -> int:
        self.seen.append(other_than)
        return int(self.reused)

    def brands_with_samples(self, samples: Sequence[str], other_than: BrandKey) -> int:
        return int(self.reused)

    def brands_with_ein(self, ein: str, other_than: BrandKey) -> int:
        return int(self.reused)

    def platform_named(self, names: Sequence[str]) -> bool:
        return self.reused


def test_registry_rules_fire_only_when_the_registry_says_so() -> None:
    reused = lint(registry=FakeRegistry(True))
    assert codes(reused) >= REGISTRY_RULES and not reused.ok and reused.registry_checked
    fresh = FakeRegistry(False)
    clean = lint(registry=fresh)
    assert clean.ok and clean.findings == [] and clean.skipped == []
    assert fresh.seen == [BrandKey(None, "47-1234567")]


def test_a_platform_registering_its_own_offering_may_say_so() -> None:
    campaign = good_campaign(description=good_campaign()["description"] + " This is our own service to our own "
                                                                          "customers.")
    assert "BRAND_IS_PLATFORM" not in codes(lint(campaign, registry=FakeRegistry(True)))


def test_without_a_brand_the_brand_rules_are_skipped_and_listed() -> None:
    report = lint(brand=None)
    assert report.ok and report.findings == []
    assert {"SAMPLE_MISSING_BRAND_NAME", "EIN_REUSED", "DESCRIPTION_REUSED"} <= set(report.skipped)


def test_the_report_is_camel_case_on_the_wire() -> None:
    report = lint(good_campaign(sample2=...), profile="sinch")
    wire = report.model_dump(mode="json", by_alias=True)
    assert {"rulesetVersion", "profile", "ok", "errors", "warnings", "findings", "skipped",
            "registryChecked"} <= set(wire)
    finding = wire["findings"][0]
    assert {"code", "severity", "fields", "message", "fix", "rejectionCategory", "providerCodes"} <= set(finding)
    assert finding["severity"] in ("error", "warning")


def test_errors_come_before_warnings() -> None:
    report = lint(good_campaign(sample3=..., privacyPolicyLink=...))
    assert [f.severity for f in report.findings] == sorted((f.severity for f in report.findings),
                                                           key=lambda s: s != Severity.ERROR)
