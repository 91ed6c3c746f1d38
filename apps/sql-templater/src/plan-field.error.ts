import { ChatbiError } from '@chatbi/contracts';

/** An error about one field of the plan; the message starts with the field's path, e.g. plan.filters[0].value. */
export function planFieldError(code: 'UNKNOWN_COLUMN' | 'PLAN_INVALID', field: string, message: string): ChatbiError {
  return new ChatbiError(code, `plan.${field}: ${message}`, { field });
}

/** The plan field path of a zod issue path: ['filters', 0, 'value'] -> filters[0].value. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}
