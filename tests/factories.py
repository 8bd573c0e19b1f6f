"""factory_boy factories for the catalogue and the counts."""

import datetime

import factory

from services.models import Agency, AgencyKind, Channel, Sector, Service
from transactions.models import TransactionCount


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"agency-{n}")
    name_en = factory.LazyAttribute(lambda o: f"Agency {o.code}")
    name_ar = factory.LazyAttribute(lambda o: f"جهة {o.code}")
    kind = AgencyKind.DEPARTMENT


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"channel-{n}")
    name_en = factory.LazyAttribute(lambda o: f"Channel {o.code}")
    name_ar = factory.LazyAttribute(lambda o: f"قناة {o.code}")
    is_electronic = True


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"service-{n}")
    agency = factory.SubFactory(AgencyFactory)
    name_en = factory.LazyAttribute(lambda o: f"Service {o.code}")
    name_ar = factory.LazyAttribute(lambda o: f"خدمة {o.code}")
    sector = Sector.OTHER
    electronic_since = datetime.date(2015, 1, 1)


class TransactionCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransactionCount

    service = factory.SubFactory(ServiceFactory)
    channel = factory.SubFactory(ChannelFactory)
    period = datetime.date(2022, 1, 1)
    count = 100
