#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings")
    # Command-line use defaults to development (as cookiecutter-django's manage.py picks local settings),
    # so `python manage.py score FILE.json` and friends work on a fresh checkout. The WSGI/ASGI entry
    # points default to production (DEBUG off, SECRET_KEY required); set DEBUG=0 here in production.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
