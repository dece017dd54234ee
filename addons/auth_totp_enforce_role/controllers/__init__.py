from . import home, main
