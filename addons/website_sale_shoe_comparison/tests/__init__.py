from . import test_specifications
