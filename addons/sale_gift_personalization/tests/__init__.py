from . import test_personalization_values
