import * as core from '@superset-ui/core';
import { supersetApi } from './supersetApi';

type Translate = (text: string, ...args: unknown[]) => string;

/**
 * Superset's own translator, wherever this Superset keeps it: window.superset.translation (6.x) or
 * @superset-ui/core (before 6.0, and the embedded page). Resolved on each call, as 6.x publishes
 * window.superset only after the user is known; the text itself when there is no translator.
 */
export function t(text: string, ...args: unknown[]): string {
  const translate: Translate | undefined = supersetApi()?.translation?.t ?? (core as { t?: Translate }).t;
  return translate ? translate(text, ...args) : text;
}
