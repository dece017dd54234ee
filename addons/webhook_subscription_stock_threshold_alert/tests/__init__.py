from . import test_threshold_crossed
