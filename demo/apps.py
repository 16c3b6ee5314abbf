from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and its commands (`seed_demo`, `demo_advance_clock`): the top layer, so it
    may write through every app's services."""

    name = "demo"
