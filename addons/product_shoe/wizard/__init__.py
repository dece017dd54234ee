from . import shoe_size_run_wizard
