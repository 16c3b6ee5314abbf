"""Browser pages of the vehicles app."""

app_name = "vehicles"
urlpatterns: list = []
