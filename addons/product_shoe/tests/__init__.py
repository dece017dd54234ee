from . import test_access, test_brand_fit_note, test_size_chart, test_size_run, test_translations
