from . import carrier, portal
