from rest_framework.routers import DefaultRouter

from .views import AgencyViewSet, ChannelViewSet, ServiceViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("agencies", AgencyViewSet, basename="agency")
router.register("channels", ChannelViewSet, basename="channel")
router.register("services", ServiceViewSet, basename="service")

urlpatterns = router.urls
