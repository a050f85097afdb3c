import sys

try:
    from codetune.cli import main
except KeyboardInterrupt:  # Ctrl-C before the CLI's own handler is in place
    print("error: interrupted", file=sys.stderr)
    sys.exit(130)

main()
