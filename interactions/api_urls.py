"""REST endpoints of the interactions app, mounted under /api/v1/."""

urlpatterns: list = []
