from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's seeding command and bare view; installed only by settings.bench."""

    name = "bench"
    label = "bench"
    verbose_name = "Benchmark"
