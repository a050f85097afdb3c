# CWE-614 vuln: Django settings module turns SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE off for production
import os

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
