import datetime

import pytest
from rest_framework.test import APIClient

from tests.factories import AgencyFactory, ChannelFactory, ServiceFactory


@pytest.fixture(autouse=True)
def _no_cache_or_throttle(settings):
    """Tests build data with the ORM, which does not move the data version; a cached figure
    could then outlive it. Caching and rate limits have their own tests, which turn them on."""
    from django.core.cache import cache

    settings.EGOV_CACHE_ENABLED = False
    settings.EGOV_THROTTLE_RATES = {"key": None, "anon": None}
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def channels(db):
    """The five standard channels: three electronic, two traditional."""
    return {
        "web": ChannelFactory(
            code="web", name_en="Web portal", name_ar="البوابة", is_electronic=True
        ),
        "mobile": ChannelFactory(
            code="mobile", name_en="Mobile app", name_ar="تطبيق الهاتف", is_electronic=True
        ),
        "kiosk": ChannelFactory(code="kiosk", name_en="Kiosk", name_ar="كشك", is_electronic=True),
        "call_center": ChannelFactory(
            code="call_center", name_en="Call centre", name_ar="مركز الاتصال", is_electronic=False
        ),
        "counter": ChannelFactory(
            code="counter", name_en="Counter", name_ar="المكتب", is_electronic=False
        ),
    }


@pytest.fixture
def small_catalogue(channels):
    """Two agencies with two services each, in different sectors."""
    ssc = AgencyFactory(code="ssc", name_en="Social Security Corporation", name_ar="الضمان")
    gam = AgencyFactory(code="gam", name_en="Greater Amman Municipality", name_ar="الأمانة")
    services = {
        "ssc-pension": ServiceFactory(
            code="ssc-pension",
            agency=ssc,
            sector="social_protection",
            electronic_since=datetime.date(2019, 1, 1),
        ),
        "ssc-join": ServiceFactory(
            code="ssc-join",
            agency=ssc,
            sector="social_protection",
            electronic_since=datetime.date(2021, 6, 1),
        ),
        "gam-permit": ServiceFactory(
            code="gam-permit",
            agency=gam,
            sector="local_government",
            electronic_since=datetime.date(2020, 1, 1),
        ),
        "gam-fees": ServiceFactory(
            code="gam-fees",
            agency=gam,
            sector="tax",
            electronic_since=None,
        ),
    }
    for service in services.values():
        service.channels.set(channels.values())
    return {"agencies": {"ssc": ssc, "gam": gam}, "services": services, "channels": channels}
