from . import test_access, test_size_chart, test_size_run, test_translations
