from cmlentry.cli import main

raise SystemExit(main())
