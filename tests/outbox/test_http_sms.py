"""The HTTP provider backend against a real local HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from servicedesk.outbox.sms import HttpSmsBackend, SmsError


@pytest.fixture
def provider():
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_POST(self):  # noqa: N802 (the standard library's name)
            length = int(self.headers["Content-Length"])
            received.append(
                {"auth": self.headers["Authorization"], "json": json.loads(self.rfile.read(length))}
            )
            code = 401 if self.headers["Authorization"] != "Bearer good" else 200
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"id": "abc123"} if code == 200 else {}).encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", received
    server.shutdown()


def test_it_posts_the_message_with_the_token(provider):
    url, received = provider
    backend = HttpSmsBackend(url=url, token="good", sender="NorthShop")
    assert backend.send(to="+8613800000001", body="hi") == "abc123"
    assert received == [
        {"auth": "Bearer good", "json": {"from": "NorthShop", "to": "+8613800000001", "text": "hi"}}
    ]


def test_a_refusal_raises(provider):
    url, _ = provider
    with pytest.raises(SmsError, match="HTTP 401"):
        HttpSmsBackend(url=url, token="bad", sender="x").send(to="1", body="hi")


def test_an_unreachable_provider_raises():
    with pytest.raises(SmsError, match="ConnectionError"):
        HttpSmsBackend(url="http://127.0.0.1:1/send", token="t", sender="x").send(to="1", body="")


def test_it_reads_its_configuration_from_settings(settings):
    settings.SMS_HTTP_URL = "https://sms.example.invalid/v1/messages"
    settings.SMS_HTTP_TOKEN = "secret"
    settings.SMS_HTTP_SENDER = "Shop"
    backend = HttpSmsBackend()
    assert (backend.url, backend.token, backend.sender) == (
        "https://sms.example.invalid/v1/messages",
        "secret",
        "Shop",
    )
