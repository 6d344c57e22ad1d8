import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings.production")  # a server: never DEBUG by default
application = get_asgi_application()
