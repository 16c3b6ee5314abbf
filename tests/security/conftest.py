import logging

import pytest


@pytest.fixture
def security_log(caplog):
    """The lines written to the security logger (it does not propagate to the root)."""
    logger = logging.getLogger("servicedesk.security")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="servicedesk.security")
    yield caplog
    logger.removeHandler(caplog.handler)
