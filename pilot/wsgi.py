import os

from django.core.wsgi import get_wsgi_application

from pilot.tracing import tracing_configure
from pilot.warmup import process_warm

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
# Before the application loads its middleware: the Django instrumentation adds its own at the front.
tracing_configure(service_name="pilot-web")
application = get_wsgi_application()
process_warm()
