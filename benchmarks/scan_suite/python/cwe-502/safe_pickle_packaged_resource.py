# CWE-502 safe: the pickle loaded is a lookup table shipped inside the application's own package, not user input
import pickle
from importlib import resources


def load_country_table():
    with resources.files("geoapp.data").joinpath("countries.pkl").open("rb") as fh:
        return pickle.load(fh)


COUNTRIES = load_country_table()


def country_name(code):
    return COUNTRIES.get(code.upper(), "unknown")
