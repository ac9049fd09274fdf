from cmlentry.launcher import main

raise SystemExit(main())
