"""Catalogue changes move the data version too (names, codes and dates appear in figures)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from services.models import Agency, Channel, Service

from .models import DataVersion


def _bump(sender, **kwargs):
    DataVersion.bump()


def connect():
    for model in (Agency, Channel, Service):
        post_save.connect(_bump, sender=model, dispatch_uid=f"bump-version-save-{model.__name__}")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"bump-version-delete-{model.__name__}"
        )
    m2m_changed.connect(_bump, sender=Service.channels.through, dispatch_uid="bump-version-m2m")
