"""Catalogue changes move the data version too (names, codes and dates appear in figures),
and a service that changes agency or sector takes its counts along in the monthly roll-ups."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from services.models import Agency, Channel, Service

from . import rollups
from .models import DataVersion


def _bump(sender, **kwargs):
    DataVersion.bump()


def _lock_service(sender, instance, raw=False, **kwargs):
    """Before a service is saved: lock it and note its agency and sector as stored."""
    if raw or instance.pk is None:
        instance._stored_place = None
        return
    instance._stored_place = rollups.lock_services([instance.pk]).get(instance.pk)


def _move_counts(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """After a service is saved: move its counts to its new agency or sector, if changed."""
    old = getattr(instance, "_stored_place", None)
    instance._stored_place = None
    if raw or created or old is None:
        return
    new = (instance.agency_id, instance.sector)
    if update_fields is not None:
        # Only some fields were written: the stored agency and sector may be the old ones.
        new = rollups.lock_services([instance.pk])[instance.pk]
    rollups.move_service(instance.pk, old=old, new=new)


def connect():
    # Receivers run in the order connected. Counts move before the data version is bumped,
    # so that a catalogue change takes its locks in the order every count write does
    # (services, then roll-up rows, then the data version) and never waits for one crosswise.
    pre_save.connect(_lock_service, sender=Service, dispatch_uid="rollups-lock-service")
    post_save.connect(_move_counts, sender=Service, dispatch_uid="rollups-move-service")
    for model in (Agency, Channel, Service):
        post_save.connect(_bump, sender=model, dispatch_uid=f"bump-version-save-{model.__name__}")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"bump-version-delete-{model.__name__}"
        )
    m2m_changed.connect(_bump, sender=Service.channels.through, dispatch_uid="bump-version-m2m")
