// jsdom has no fetch: whatwg-fetch provides one over jsdom's XMLHttpRequest, which makes real HTTP
// requests and enforces CORS like a browser. Superset configures its translator at start-up.
import 'whatwg-fetch';
import { configure } from '@superset-ui/core';

configure();
