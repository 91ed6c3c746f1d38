import type { AccessRuleDefinition } from '../catalog-file.schema';
import type { CatalogView, ViewAccessRule } from '../catalog';
import { ExpressionError } from '../virtual-expression';
import { parseRowFilter } from './row-filter';

export interface LocatedAccessRule {
  rule: AccessRuleDefinition;
  /** Reports a problem at a path inside the rule. */
  where: (path: (string | number)[], message: string) => void;
}

/**
 * Checks the catalog's access rules once every view is known and hands each view the rules that
 * name it (a `*` rule names every view): the view exists, its hidden columns exist, its row filter
 * reads only the view's physical columns and the user's attributes.
 */
export function attachAccessRules(views: CatalogView[], rules: readonly LocatedAccessRule[]): void {
  const byName = new Map(views.map((v) => [v.name, v]));
  const perView = new Map<string, ViewAccessRule[]>();
  for (const { rule, where } of rules) {
    const targets = rule.view === '*' ? views : byName.has(rule.view) ? [byName.get(rule.view)!] : [];
    if (targets.length === 0) {
      where(['view'], `no view named ${rule.view}`);
      continue;
    }
    rule.hide.forEach((name, i) => {
      if (!targets.some((v) => v.columns.some((c) => c.name === name))) where(['hide', i], `${name} is not a column of ${rule.view === '*' ? 'any view' : rule.view}`);
    });
    for (const view of targets) {
      let rows;
      if (rule.rows !== undefined) {
        try {
          rows = parseRowFilter(rule.rows, new Map(view.columns.filter((c) => c.kind === 'physical').map((c) => [c.name, c.source])));
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          where(['rows'], `${rule.view === '*' ? `for view ${view.name}: ` : ''}${error.message}`);
          continue;
        }
      }
      const hide = rule.hide.filter((name) => view.columns.some((c) => c.name === name));
      const list = perView.get(view.name) ?? [];
      list.push({ role: rule.role, ...(rows ? { rows } : {}), hide });
      perView.set(view.name, list);
    }
  }
  for (const [name, list] of perView) byName.get(name)!.access = list;
}
