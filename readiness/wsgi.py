import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness.settings.production")  # a server: never DEBUG by default
application = get_wsgi_application()
