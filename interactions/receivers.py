"""django-anymail's ``inbound`` signal: each email a provider's webhook delivers (its signature
checked by anymail) is handed to the inbound service, and nothing else is done here."""

from .services.inbound import inbound_email_receive


def email_received(sender, event, esp_name, **kwargs) -> None:
    inbound_email_receive(
        message=event.message, provider=esp_name.lower(), provider_id=event.event_id or ""
    )
