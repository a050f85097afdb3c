# CWE-798 vuln: Django production settings hard-code SECRET_KEY and the database PASSWORD
DEBUG = False
ALLOWED_HOSTS = ["www.example.com"]
SECRET_KEY = "n9$k2!x@7q#pr0d-django-signing-key-4e1"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "Sh0p-DB-Pa55",
        "HOST": "db.internal",
    }
}
