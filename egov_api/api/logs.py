"""Log plumbing loaded with the settings, before Django's apps: keep its imports light."""

import contextvars
import logging

request_id_var = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every log record as `request_id`."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True
