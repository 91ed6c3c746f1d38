import { configure } from '@superset-ui/core';

// Superset configures its translator at start-up; the standalone page does it here, before any
// module calls t() (the control panel does so when it loads).
configure();
