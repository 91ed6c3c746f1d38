import type { Catalog } from '@chatbi/catalog';
import type { Principal } from '@chatbi/auth';
import type { NeededPhrase } from './question-log.entity';

/** What of the caller decides what they see. */
export type ReaderPrincipal = Pick<Principal, 'roles' | 'scopes'>;

/**
 * The catalog as the reader of the view advisor's reports may see it. An admin (the DBA) sees it
 * whole; anyone else through their roles' access rules, as when they ask: the views closed to them
 * and the columns hidden from them do not exist, nor do the logged questions that can only mean them.
 */
export class AdvisorReader {
  private constructor(
    readonly catalog: Catalog,
    readonly restricted: boolean,
  ) {}

  static of(catalog: Catalog, principal: ReaderPrincipal): AdvisorReader {
    if (principal.scopes.includes('admin')) return new AdvisorReader(catalog, false);
    const seen = catalog.restrictedTo(principal.roles);
    return new AdvisorReader(seen, seen !== catalog);
  }

  /** A view in the log: an admin also sees views since dropped from the catalog. */
  seesView(view: string): boolean {
    return !this.restricted || this.catalog.view(view) !== undefined;
  }

  /** A missed question each of whose phrases means something the reader sees: a view, and a column when the log names them. */
  seesMiss(needed: NeededPhrase[] | null): boolean {
    if (!this.restricted) return true;
    return (needed ?? []).every(
      (n) => n.views.some((v) => this.seesView(v)) && (n.columns === undefined || n.columns.some((c) => this.catalog.column(c.view, c.column) !== undefined)),
    );
  }
}
