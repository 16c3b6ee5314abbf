"""Browser pages of the complaints app."""

app_name = "complaints"
urlpatterns: list = []
