import sys

COMMANDS = {"test": "test_command", "serve": "serve_command", "i18n": "i18n_command",
            "backup": "backup_command", "restore": "restore_command"}

if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
    sys.exit(f"usage: python -m stride_harness {{{'|'.join(COMMANDS)}}} [options]")
module = __import__(f"stride_harness.{COMMANDS[sys.argv[1]]}", fromlist=["main"])
sys.exit(module.main(sys.argv[2:]))
