"""Statistics computed in the database from the monthly counts."""

from django.urls import path

from . import views

urlpatterns = [
    path("totals/", views.TotalsView.as_view(), name="stats-totals"),
    path("growth/", views.GrowthView.as_view(), name="stats-growth"),
    path("timeseries/", views.TimeseriesView.as_view(), name="stats-timeseries"),
    path("rankings/", views.RankingsView.as_view(), name="stats-rankings"),
    path("service-counts/", views.ServiceCountsView.as_view(), name="stats-service-counts"),
    path("summary/", views.SummaryView.as_view(), name="stats-summary"),
]
