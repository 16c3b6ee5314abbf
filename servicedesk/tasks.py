from celery import shared_task


@shared_task(name="servicedesk.ping")
def ping() -> str:
    """Answers 'pong': proves a worker takes messages from the broker and returns results."""
    return "pong"
