#!/usr/bin/env python
import os
import sys


def default_settings_module() -> str:
    """Development settings on a checkout, production settings on a configured machine.

    As in cookiecutter-django, a checkout without configuration gets readiness.settings.local, so
    `python manage.py score FILE.json` and friends work at once. A machine whose environment holds a
    SECRET_KEY (every server: see docs/DEPLOY.md) gets readiness.settings.production, so `migrate` and
    `db_worker` there never run with DEBUG or the development key by accident. DJANGO_SETTINGS_MODULE
    overrides both.
    """
    return "readiness.settings.production" if os.environ.get("SECRET_KEY") else "readiness.settings.local"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
