# CWE-798 safe: Django production settings read SECRET_KEY and the database password from the environment
import os

DEBUG = False
ALLOWED_HOSTS = ["www.example.com"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": os.environ["DJANGO_DB_PASSWORD"],
        "HOST": "db.internal",
    }
}
