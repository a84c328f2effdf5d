"""Word lists of restricted and prohibited content, and of the phrases the message checks look for.

Each list names the section of ``reference/compliance-rules.md`` it implements. Terms are matched as
whole words or phrases (case-insensitive, hyphens and spaces alike), never as substrings, and the
phrases in ``NOT_RESTRICTED`` are removed first so that "adult education" or "gunmetal grey" do not count
(§1.G CNT-12, §5: the bare-substring lists of other checkers flag "begun" and "wine-red").
"""

from __future__ import annotations

# §1.G CNT-12: innocent phrases that contain a listed word.
NOT_RESTRICTED: tuple[str, ...] = (
    "adult education", "adult learners", "adult learning", "young adult", "gun metal", "gunmetal", "glue gun",
    "nail gun", "staple gun", "wine red", "wine colored", "burgundy wine color", "team spirit", "school spirit",
    "hot shot", "pot roast", "potluck", "pin code", "social security office",
)

# §1.F ATTR-07 and §1.G CNT-04: age-restricted goods (alcohol, tobacco/vape, firearms).
AGE_RESTRICTED: tuple[str, ...] = (
    "alcohol", "alcoholic", "beer", "beers", "wine", "wines", "liquor", "spirits", "vodka", "whiskey", "whisky",
    "tequila", "bourbon", "brewery", "winery", "happy hour", "tobacco", "cigar", "cigars", "cigarette",
    "cigarettes", "vape", "vapes", "vaping", "e-cig", "e-cigs", "e-cigarette", "hookah", "nicotine", "firearm",
    "firearms", "gun", "guns", "handgun", "handguns", "rifle", "rifles", "shotgun", "ammo", "ammunition",
)

# §1.G CNT-01: cannabis, not fixable by an age gate.
CANNABIS: tuple[str, ...] = (
    "cannabis", "marijuana", "cbd", "thc", "hemp", "delta-8", "delta 8", "delta-9", "dispensary", "dispensaries",
    "edibles", "pre-rolls",
)

# §1.G CNT-02: sexual or adult content.
ADULT: tuple[str, ...] = (
    "porn", "porno", "pornography", "xxx", "escort", "escorts", "nude", "nudes", "sexting", "sex toys",
    "adult content", "adult entertainment", "adult toys", "adult videos", "onlyfans", "erotic", "camgirl",
)

# §1.G CNT-03: profanity (hate speech needs the semantic layer; a word list only catches the crudest).
PROFANITY: tuple[str, ...] = ("fuck", "fucking", "shit", "bullshit", "bitch", "asshole", "motherfucker", "cunt")

# §1.G CNT-05: gambling.
GAMBLING: tuple[str, ...] = (
    "casino", "casinos", "sports betting", "sportsbook", "bet now", "place your bets", "online betting", "wager",
    "wagers", "poker", "slot machine", "slot machines", "online slots", "play slots", "lottery", "parlay",
    "blackjack", "roulette",
)  # not bare "slots": "new appointment slots opened" is a booking message

# §1.G CNT-06: sweepstakes and contests (allowed only under the SWEEPSTAKE use case).
SWEEPSTAKES: tuple[str, ...] = (
    "sweepstakes", "sweepstake", "enter to win", "giveaway", "raffle", "contest", "win a free", "chance to win",
)

# §1.G CNT-07: high-risk financial services.
HIGH_RISK_FINANCIAL: tuple[str, ...] = (
    "payday loan", "payday loans", "cash advance", "debt relief", "debt consolidation", "debt settlement",
    "debt reduction", "debt forgiveness", "debt collection", "credit repair", "fix your credit", "crypto",
    "cryptocurrency", "bitcoin", "stock alert", "stock alerts", "stock tips", "penny stock", "penny stocks",
    "forex", "binary options", "no credit check",
)

# §1.F ATTR-11: third-party lending, prohibited even when directLending is set.
THIRD_PARTY_LENDING: tuple[str, ...] = (
    "loan matching", "lending partners", "network of lenders", "partner lenders", "loan broker", "compare lenders",
    "match you with lenders", "matched with a lender",
)

# §1.F ATTR-09: lending terms that need directLending.
LENDING: tuple[str, ...] = (
    "loan", "loans", "lending", "lender", "financing", "line of credit", "apr", "get approved", "pre-approved",
    "preapproved", "mortgage", "refinance", "refinancing",
)

# §1.G CNT-08 and §1.F ATTR-13: lead generation, affiliate marketing, list sharing.
LEAD_GENERATION: tuple[str, ...] = (
    "lead generation", "lead gen", "affiliate marketing", "affiliate offer", "affiliate offers", "buy leads",
    "sell leads", "sell your information", "seo services",
)

# §1.G CNT-09: get-rich-quick, MLM, work from home.
GET_RICH_QUICK: tuple[str, ...] = (
    "get rich quick", "make money fast", "work from home", "be your own boss", "passive income", "mlm",
    "multi-level marketing", "easy money", "free gift card",
)

# §1.G CNT-10: illegal prescriptions and controlled substances.
CONTROLLED_SUBSTANCES: tuple[str, ...] = (
    "without a prescription", "no prescription needed", "no prescription", "oxycodone", "xanax", "adderall",
    "kratom", "psilocybin", "magic mushrooms", "cocaine", "fentanyl",
)

# §1.C SMP-13 and §1.G CNT-11: phishing and deceptive urgency.
DECEPTIVE: tuple[str, ...] = (
    "you have won", "you've won", "you won", "claim your prize", "account suspended", "account has been suspended",
    "account locked", "account has been locked", "verify your account", "final notice", "act now",
    "gift card",
)

# §1.C SMP-12: requests for sensitive data (matched after a request verb, see rules_samples).
SENSITIVE_DATA: tuple[str, ...] = (
    "social security number", "ssn", "card number", "credit card number", "debit card number", "password",
    "pin", "routing number", "bank account number", "account number", "cvv",
)

# §1.B UC-07 (R hints only): promotional wording.
PROMOTIONAL: tuple[str, ...] = (
    "sale", "promo", "promotion", "coupon", "discount", "deal", "deals", "% off", "percent off", "shop now",
    "buy now", "limited time", "special offer",
)

# §1.C SMP-06: filler text instead of a real sample.
FILLER: tuple[str, ...] = ("lorem ipsum", "test message", "this is a sample", "this is a test", "sample message")

# §1.I BR-01: free e-mail providers.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "mail.com",
    "zoho.com", "yandex.com",
})

# §1.E CTA-01: opt-in mechanisms; the key names the kind.
OPT_IN_METHODS: dict[str, tuple[str, ...]] = {
    "web": ("website", "web form", "webform", "online form", "form on", "checkbox", "check box", "sign-up form",
            "signup form", "sign up form", "landing page", "booking form", "checkout", "web page", "webpage"),
    "keyword": ("text-to-join", "text to join", "texting", "text the keyword", "keyword", "text join", "sms to"),
    "in_person": ("point of sale", "point-of-sale", "pos", "in-store", "in store", "in person", "in-person",
                  "at the counter", "front desk", "kiosk"),
    "paper": ("paper form", "sign-up sheet", "signup sheet", "intake form", "written form", "paper"),
    "verbal": ("verbal", "verbally", "over the phone", "by phone", "phone call", "ivr", "interactive voice",
               "call center", "calls our"),
    "app": ("mobile app", "our app", "in the app", "in-app", "application settings", "account settings",
            "app settings", "profile settings", "logged in", "log in", "login", "customer portal"),
}

# §1.E CTA-08: consent that is not optional or is bundled.
CONSENT_NOT_OPTIONAL: tuple[str, ...] = (
    "pre-checked", "prechecked", "pre-selected", "preselected", "checked by default", "ticked by default",
    "automatically opted in", "automatically subscribed", "required to receive", "by submitting this form you agree",
    "by submitting you agree", "by creating an account you agree", "by signing up you agree to receive",
    "as a condition of purchase",
)

# §1.E CTA-10: consent shared with others, lists bought or rented.
CONSENT_SHARED: tuple[str, ...] = (
    "partners may contact", "our partners may", "third parties may", "share your number", "share your phone",
    "share your information", "shared with third parties", "shared with our partners", "purchased list",
    "purchased lists", "rented list", "bought list", "opt-in list from", "lead lists", "marketing partners",
)

# §1.E CTA-11: consent by court order or legal obligation.
COURT_ORDERED: tuple[str, ...] = ("court order", "court-ordered", "court ordered", "legally required to receive")

# §1.E CTA-09: written consent mechanisms (marketing must not rest on verbal consent alone).
WRITTEN_METHODS: frozenset[str] = frozenset({"web", "keyword", "paper", "app"})
