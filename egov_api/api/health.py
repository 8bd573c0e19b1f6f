"""Liveness and readiness probes for load balancers and orchestrators."""

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse

from .cache import ResilientRedisCache


def healthz(request):
    """200 while the process answers; touches nothing else."""
    return JsonResponse({"status": "ok"})


def cache_state() -> str:
    """`local` (per-process memory), `ok` (Redis answers) or `unavailable`."""
    backend = caches["default"]
    if not isinstance(backend, ResilientRedisCache):
        return "local"
    return "ok" if backend.ping() else "unavailable"


def readyz(request):
    """200 when the database answers a trivial query, 503 otherwise.

    The cache's state is reported but does not decide: the API answers without Redis.
    """
    state = {"cache": cache_state()}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down", **state}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", **state})
