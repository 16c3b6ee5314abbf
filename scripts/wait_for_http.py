"""Wait until a URL answers: ``wait_for_http.py URL SECONDS [PID …]``.

Exit 0 once it answers (any HTTP status: the server is up), 1 after SECONDS or as soon as one of
the PIDs (the processes that should serve it) has ended. Standard library only: `make run`
needs nothing but Python."""

import os
import sys
import time
import urllib.error
import urllib.request


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own http URL)
            return True
    except urllib.error.HTTPError:
        return True  # 503 from /healthz while the worker starts: the server answers
    except OSError:
        return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(url: str, seconds: str, *pids: str) -> int:
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        if answers(url):
            return 0
        if not all(alive(int(pid)) for pid in pids):
            return 1
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
