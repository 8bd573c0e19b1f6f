from rest_framework.routers import DefaultRouter

from .views import TransactionCountViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("transactions", TransactionCountViewSet, basename="transaction")

urlpatterns = router.urls
