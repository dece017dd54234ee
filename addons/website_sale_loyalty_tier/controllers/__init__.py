from . import main, portal, variant
