"""Given names of other countries from the PyPI package ``faker`` (MIT): the Latin-script given names
of its ~70 person locales, which the US Census lacks ("Mihai", "Jesper", "Aamir")."""

from __future__ import annotations

import importlib
import pkgutil
import sys

from .common import is_plain_name

VERSION = "40.63.0"


def installed_version() -> str:
    """The installed version of ``faker``."""
    import faker

    return faker.VERSION


def load_world_given_names() -> set[str]:
    """Latin-script given names of every faker person locale.

    Faker's lists are hand-picked per country (MIT licence), so they reach the names international
    news is full of and the 1990 US Census lacks (Pakistani, Romanian, Nordic, Turkish ...)."""
    try:
        import faker.providers.person as faker_person
    except ImportError:
        sys.exit(f"faker missing: pip install faker=={VERSION}")
    out: set[str] = set()
    for info in sorted(pkgutil.iter_modules(faker_person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"{faker_person.__name__}.{info.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            names = getattr(provider, attr, None)
            if not isinstance(names, (list, tuple, dict)):
                continue  # a property computed from the others, or absent
            for name in names:
                name = name.strip()
                if is_plain_name(name):
                    out.add(name)
    return out
