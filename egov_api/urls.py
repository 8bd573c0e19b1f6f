"""Top-level routes: the versioned API, its documentation, health checks and the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from .api import health, metrics

api_v1 = [
    path("", include("services.urls")),
    path("", include("transactions.urls")),
    path("stats/", include("transactions.stats.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="redoc.html"),
        name="redoc",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("admin/", admin.site.urls),
]

handler400 = "egov_api.api.problems.bad_request"
handler403 = "egov_api.api.problems.permission_denied"
handler404 = "egov_api.api.problems.not_found"
handler500 = "egov_api.api.problems.server_error"
