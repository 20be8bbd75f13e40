from policy_timeline.cli import main

raise SystemExit(main())
