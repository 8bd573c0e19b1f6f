"""Agencies and channels of the demo catalogue, and the figures the demo data must reproduce."""

import datetime
from typing import NamedTuple

# The press report's figures ("this January" is taken as 2022-01).
THIS_JANUARY = datetime.date(2022, 1, 1)
LAST_JANUARY = datetime.date(2021, 1, 1)
ELECTRONIC_THIS_JANUARY = 2_900_000
ELECTRONIC_LAST_JANUARY = 2_000_000
ALL_THIS_JANUARY = 3_200_000
SERVICES_THIS_JANUARY = 437
SERVICES_LAST_JANUARY = 375

FIRST_MONTH = datetime.date(2019, 1, 1)
LAST_MONTH = datetime.date(2022, 12, 1)


class AgencyDef(NamedTuple):
    code: str
    name_en: str
    name_ar: str
    kind: str
    website: str
    parent: str | None = None


class ChannelDef(NamedTuple):
    code: str
    name_en: str
    name_ar: str
    is_electronic: bool


# Agency kinds, as stored (services.models.AgencyKind); plain strings keep this module free of
# Django so the generator can run and be tested without a database.
M, D, P, MU, C = "ministry", "department", "public_institution", "municipality", "commission"

# A parent is listed before its children so each can be resolved as the list is loaded.
AGENCIES: list[AgencyDef] = [
    AgencyDef(
        "modee",
        "Ministry of Digital Economy and Entrepreneurship",
        "وزارة الاقتصاد الرقمي والريادة",
        M,
        "https://modee.gov.jo",
    ),
    AgencyDef("moi", "Ministry of Interior", "وزارة الداخلية", M, "https://moi.gov.jo"),
    AgencyDef("mof", "Ministry of Finance", "وزارة المالية", M, "https://mof.gov.jo"),
    AgencyDef("customs", "Jordan Customs", "دائرة الجمارك", D, "https://customs.gov.jo", "mof"),
    AgencyDef(
        "istd",
        "Income and Sales Tax Department",
        "دائرة ضريبة الدخل والمبيعات",
        D,
        "https://istd.gov.jo",
        "mof",
    ),
    AgencyDef(
        "dls",
        "Department of Lands and Survey",
        "دائرة الأراضي والمساحة",
        D,
        "https://dls.gov.jo",
        "mof",
    ),
    AgencyDef(
        "ssc",
        "Social Security Corporation",
        "المؤسسة العامة للضمان الاجتماعي",
        P,
        "https://ssc.gov.jo",
    ),
    AgencyDef(
        "mola",
        "Ministry of Local Administration",
        "وزارة الإدارة المحلية",
        M,
        "https://mola.gov.jo",
    ),
    AgencyDef("psd", "Public Security Directorate", "مديرية الأمن العام", D, "https://psd.gov.jo"),
    AgencyDef(
        "dvld",
        "Drivers and Vehicles Licensing Department",
        "إدارة ترخيص السواقين والمركبات",
        D,
        "https://dvld.gov.jo",
        "psd",
    ),
    AgencyDef(
        "mits",
        "Ministry of Industry, Trade and Supply",
        "وزارة الصناعة والتجارة والتموين",
        M,
        "https://mit.gov.jo",
    ),
    AgencyDef(
        "ccd",
        "Companies Control Department",
        "دائرة مراقبة الشركات",
        D,
        "https://ccd.gov.jo",
        "mits",
    ),
    AgencyDef(
        "gam",
        "Greater Amman Municipality",
        "أمانة عمّان الكبرى",
        MU,
        "https://ammancity.gov.jo",
    ),
    AgencyDef("moj", "Ministry of Justice", "وزارة العدل", M, "https://moj.gov.jo"),
    AgencyDef("mot", "Ministry of Tourism", "وزارة السياحة", M, "https://mota.gov.jo"),
    AgencyDef(
        "gid", "General Intelligence Department", "دائرة المخابرات العامة", D, "https://gid.gov.jo"
    ),
    AgencyDef("mol", "Ministry of Labour", "وزارة العمل", M, "https://mol.gov.jo"),
    AgencyDef(
        "cspd", "Civil Status Department", "دائرة الأحوال المدنية", D, "https://cspd.gov.jo", "moi"
    ),
    AgencyDef("jic", "Investment Commission", "هيئة تشجيع الاستثمار", C, "https://jic.gov.jo"),
    AgencyDef("moh", "Ministry of Health", "وزارة الصحة", M, "https://moh.gov.jo"),
    AgencyDef("moe", "Ministry of Education", "وزارة التربية والتعليم", M, "https://moe.gov.jo"),
    AgencyDef(
        "mofa",
        "Ministry of Foreign Affairs and Expatriates",
        "وزارة الخارجية وشؤون المغتربين",
        M,
        "https://mfa.gov.jo",
    ),
    AgencyDef(
        "jfda",
        "Jordan Food and Drug Administration",
        "المؤسسة العامة للغذاء والدواء",
        P,
        "https://jfda.jo",
    ),
    AgencyDef("waj", "Water Authority of Jordan", "سلطة المياه", P, "https://waj.gov.jo"),
    AgencyDef(
        "mosd",
        "Ministry of Social Development",
        "وزارة التنمية الاجتماعية",
        M,
        "https://mosd.gov.jo",
    ),
    AgencyDef("naf", "National Aid Fund", "صندوق المعونة الوطنية", P, "https://naf.gov.jo", "mosd"),
    AgencyDef(
        "ltrc",
        "Land Transport Regulatory Commission",
        "هيئة تنظيم النقل البري",
        C,
        "https://ltrc.gov.jo",
    ),
    AgencyDef(
        "trc",
        "Telecommunications Regulatory Commission",
        "هيئة تنظيم قطاع الاتصالات",
        C,
        "https://trc.gov.jo",
    ),
    AgencyDef("csb", "Civil Service Bureau", "ديوان الخدمة المدنية", D, "https://csb.gov.jo"),
    AgencyDef(
        "jsmo",
        "Jordan Standards and Metrology Organization",
        "مؤسسة المواصفات والمقاييس",
        P,
        "https://jsmo.gov.jo",
    ),
]

CHANNELS: list[ChannelDef] = [
    ChannelDef("web", "Web portal", "البوابة الإلكترونية", True),
    ChannelDef("mobile", "Mobile app", "تطبيق الهاتف المحمول", True),
    ChannelDef("kiosk", "Self-service kiosk", "الكشك الإلكتروني", True),
    ChannelDef("call_center", "Call centre", "مركز الاتصال", False),
    ChannelDef("counter", "Service counter", "مكتب الخدمة", False),
]
ELECTRONIC_CHANNELS = [c.code for c in CHANNELS if c.is_electronic]
TRADITIONAL_CHANNELS = [c.code for c in CHANNELS if not c.is_electronic]
