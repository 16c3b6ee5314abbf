"""`make install` builds the project with setuptools: no deprecation warnings on the way."""

import tomllib

import pytest
from django.conf import settings
from packaging.requirements import Requirement

pytestmark = pytest.mark.smoke


def _pyproject() -> dict:
    return tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_license_is_an_spdx_expression_that_setuptools_reads_without_a_warning():
    project = _pyproject()
    # A TOML table ({text = …}) is deprecated since setuptools 77, which reads the SPDX string.
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    assert not any(c.startswith("License ::") for c in project["project"].get("classifiers", []))
    (setuptools,) = [
        Requirement(r) for r in project["build-system"]["requires"] if r.startswith("setuptools")
    ]
    assert not setuptools.specifier.contains("76.1"), "setuptools before 77 refuses the string"
    assert setuptools.specifier.contains("80.0")
