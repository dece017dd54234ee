import sys

# Subcommand -> module of this package with a main(argv) returning the exit status.
COMMANDS = {"build": "build", "run": "drive", "jobs": "jobs", "load": "load", "quick": "quick"}

if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
    sys.exit(f"usage: scripts/bench {{{'|'.join(COMMANDS)}}} [options]   (scripts/bench SUBCOMMAND --help)")
module = __import__(f"stride_bench.{COMMANDS[sys.argv[1]]}", fromlist=["main"])
sys.exit(module.main(sys.argv[2:]))
