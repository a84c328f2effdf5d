"""Brand enumerations (TCR CSP API 7.8.0, ``reference/tcr-api.md`` §3.3)."""

from __future__ import annotations

ENTITY_TYPES: tuple[str, ...] = ("PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "GOVERNMENT", "SOLE_PROPRIETOR")
BRAND_RELATIONSHIPS: tuple[str, ...] = (
    "BASIC_ACCOUNT", "SMALL_ACCOUNT", "MEDIUM_ACCOUNT", "LARGE_ACCOUNT", "KEY_ACCOUNT",
)
BRAND_STATUSES: tuple[str, ...] = ("ACTIVE", "DELETED")
IDENTITY_STATUSES: tuple[str, ...] = ("SELF_DECLARED", "UNVERIFIED", "VERIFIED", "VETTED_VERIFIED")
ALT_BUSINESS_ID_TYPES: tuple[str, ...] = ("NONE", "DUNS", "GIIN", "LEI")
STOCK_EXCHANGES: tuple[str, ...] = (
    "NONE", "NASDAQ", "NYSE", "AMEX", "AMX", "ASX", "B3", "BME", "BSE", "FRA", "ICEX", "JPX", "JSE", "KRX",
    "LON", "NSE", "OMX", "SEHK", "SGX", "SSE", "STO", "SWX", "SZSE", "TSX", "TWSE", "VSE", "XPAR", "XAMS",
    "XMIL", "XCSE", "XBRU", "XMAD", "XOSL", "XWAR", "XETR", "XSTU", "XBER", "XMUN", "XHAM", "XHAN", "XDUS",
    "XEUR", "OTHER",
)

# name -> (industryId, displayName, description)
VERTICALS: dict[str, tuple[str, str, str]] = {
    "AGRICULTURE": ("agriculture", "Agriculture", "Farming and agriculture."),
    "COMMUNICATION": ("communication", "Communication and Mass Media", "Communication and mass media."),
    "CONSTRUCTION": ("construction", "Construction, Materials, and Trade Services",
                     "Construction, materials, and trade services."),
    "EDUCATION": ("education", "Education", "Educational institutions and services."),
    "ENERGY": ("energy", "Energy and Utilities", "Energy and utilities."),
    "ENTERTAINMENT": ("entertainment", "Entertainment", "Entertainment, media and arts."),
    "FINANCIAL": ("financial", "Financial Services", "Banking, lending and other financial services."),
    "GAMBLING": ("gambling", "Gambling & Lottery", "Gambling and lottery."),
    "GOVERNMENT": ("government", "Government Services and Agencies", "Government services and agencies."),
    "HEALTHCARE": ("healthcare", "Healthcare and Life Sciences", "Healthcare and life sciences."),
    "HOSPITALITY": ("hospitality", "Hospitality and Travel", "Hospitality and travel."),
    "HUMAN_RESOURCES": ("human-resources", "HR, Staffing or Recruitment", "HR, staffing or recruitment."),
    "INSURANCE": ("insurance", "Insurance", "Insurance."),
    "LEGAL": ("legal", "Legal", "Legal services."),
    "MANUFACTURING": ("manufacturing", "Manufacturing", "Manufacturing."),
    "NGO": ("ngo", "Non-profit Organization", "Non-profit organizations."),
    "POLITICAL": ("political", "Political", "Political organizations and campaigns."),
    "POSTAL": ("postal", "Postal and Delivery", "Postal and delivery services."),
    "PROFESSIONAL": ("professional-services", "Professional Services", "Professional services."),
    "REAL_ESTATE": ("real-estate", "Real Estate",
                    "Buying and Selling of residential and commercial properties."),
    "RETAIL": ("retail", "Retail and Consumer Products", "Retail and consumer products."),
    "TECHNOLOGY": ("technology", "Information Technology Services", "Information technology services."),
    "TRANSPORTATION": ("transportation", "Transportation or Logistics", "Transportation or logistics."),
}

OPTIONAL_ATTRIBUTE_NAMES: tuple[tuple[str, str, str], ...] = (
    ("russell3000", "BOOLEAN", "Brand is a Russell 3000 company."),
    ("taxExemptStatus", "STRING", "Tax exempt status, e.g. 501c3 (required for CHARITY)."),
    ("politicalCommitteeLocale", "STRING", "Political committee locale: federal, state, local or tribal."),
    ("section527", "BOOLEAN", "Brand is a Section 527 political organization."),
    ("governmentEntity", "BOOLEAN",
     "Confirmation that the brand is a closely affiliated, generally by government ownership or control, "
     "with federal, state or local governments."),
)

FEEDBACK_CATEGORIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "TAX_ID": ("Tax ID", "The tax id could not be verified against the company name.", ("ein", "companyName")),
    "STOCK_SYMBOL": ("Stock symbol", "The stock symbol could not be verified.", ("stockSymbol", "stockExchange")),
    "GOVERNMENT_ENTITY": ("Government entity", "The brand could not be verified as a government entity.",
                          ("entityType",)),
    "NONPROFIT": ("Non-profit", "The non-profit status could not be verified.", ("entityType",)),
    "WEB_DOMAIN": ("Web domain", "The website domain does not match the brand.", ("website",)),
}
