import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditLog, lineDiff } from '@chatbi/audit';
import { LOCAL_PRINCIPAL, type Principal } from '@chatbi/auth';
import { CatalogLoader, CatalogRegistry, CatalogValidationError, isInsideDirectory, type Catalog, type CatalogProblem } from '@chatbi/catalog';
import { ChatbiError } from '@chatbi/contracts';
import { CATALOG_SOURCE, CatalogAdminService, type CatalogReload, type CatalogSource } from './catalog-admin.service';
import { catalogEditSchema, catalogFileNameSchema, catalogRemovalSchema, type CatalogEdit } from './catalog-edit.schema';

export const BACKUP_DIR = '.backups';

export interface CatalogFileSummary {
  name: string;
  bytes: number;
  views: string[];
}

export interface CatalogFiles {
  dir: string | null;
  /** False for a catalog shipped with the code (the demo's): it can be read and validated, not written. */
  writable: boolean;
  hash: string;
  files: CatalogFileSummary[];
}

export interface CatalogValidation {
  valid: boolean;
  file: string;
  /** Every problem of the catalog with this file in it, file names relative to the catalog directory. */
  problems: CatalogProblem[];
  /** Views the file defines, when valid. */
  views: string[];
  /** Views the catalog would gain and lose. */
  added: string[];
  removed: string[];
}

export interface CatalogApplied extends CatalogReload {
  file: string;
  /** Where the previous version of the file was kept, relative to the catalog directory; null for a new file. */
  backup: string | null;
}

/**
 * Edits the catalog's YAML files for the DBA console: validate a file's new text against the whole
 * catalog without writing anything, and apply it (old file kept under .backups/, written
 * atomically, then the usual reload that tells every service and retrains the models). An invalid
 * text is refused with its line numbers and nothing is written.
 */
@Injectable()
export class CatalogEditorService {
  private readonly logger = new Logger(CatalogEditorService.name);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(CATALOG_SOURCE) private readonly source: CatalogSource,
    private readonly admin: CatalogAdminService,
    private readonly registry: CatalogRegistry,
    @Optional() private readonly audit?: AuditLog,
  ) {}

  files(): CatalogFiles {
    const catalog = this.registry.current();
    const dir = this.source.dir ?? null;
    const names = dir ? this.yamlFiles(dir) : [];
    return {
      dir,
      writable: Boolean(dir && this.source.writable),
      hash: catalog.hash,
      files: names.map((name) => ({
        name,
        bytes: statSync(join(dir!, name)).size,
        views: catalog.views.filter((v) => basename(v.sourceFile) === name).map((v) => v.name),
      })),
    };
  }

  read(name: unknown): { name: string; text: string } {
    const file = this.parse(catalogFileNameSchema, name);
    const dir = this.requireDir();
    if (!this.yamlFiles(dir).includes(file)) throw new ChatbiError('INVALID_REQUEST', `The catalog has no file ${file}.`, { file });
    return { name: file, text: readFileSync(join(dir, file), 'utf8') };
  }

  validate(body: unknown): CatalogValidation {
    const edit = this.parse(catalogEditSchema, body);
    const result = this.check(edit);
    return result.catalog
      ? { valid: true, file: edit.file, problems: [], ...this.difference(result.catalog, edit.file) }
      : { valid: false, file: edit.file, problems: result.problems, views: [], added: [], removed: [] };
  }

  /**
   * Applies one edit at a time: two DBAs saving at once cannot interleave their writes. Every
   * attempt is audited with who made it and, when applied, the diff.
   */
  apply(body: unknown, by: Principal = LOCAL_PRINCIPAL): Promise<CatalogApplied> {
    return this.audited(by, 'applied', () => this.applyNow(body));
  }

  /** Removes one file (and so its views), kept under .backups/; refused when the rest does not load on its own. */
  remove(body: unknown, by: Principal = LOCAL_PRINCIPAL): Promise<CatalogApplied> {
    return this.audited(by, 'removed', () => this.removeNow(body));
  }

  private audited(by: Principal, outcome: string, change: () => Promise<CatalogApplied & { diff: string }>): Promise<CatalogApplied> {
    const run = this.queue.then(change);
    this.queue = run.catch(() => undefined);
    const who = { kind: 'catalog-edit' as const, user: by.user, via: by.via };
    return run.then(
      async ({ diff, ...applied }) => {
        await this.audit?.record({ ...who, outcome, detail: `${applied.file}\n${diff}` });
        return applied;
      },
      async (error: unknown) => {
        await this.audit?.record({ ...who, outcome: ChatbiError.from(error).code, detail: ChatbiError.from(error).message });
        throw error;
      },
    );
  }

  private async applyNow(body: unknown): Promise<CatalogApplied & { diff: string }> {
    const edit = this.parse(catalogEditSchema, body);
    const dir = this.requireWritableDir();
    const result = this.check(edit);
    if (!result.catalog) {
      throw new ChatbiError('CATALOG_EDIT_INVALID', `${edit.file} was not saved:\n${describeProblems(result.problems)}`, { problems: result.problems });
    }
    const target = join(dir, edit.file);
    if (existsSync(target) && !this.yamlFiles(dir).includes(edit.file)) {
      throw new ChatbiError('CATALOG_EDIT_INVALID', `${edit.file} is a link to a file outside the catalog directory; ChatBI does not write through it.`);
    }
    const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
    const backup = existsSync(target) ? this.backUp(dir, edit.file) : null;
    const temporary = join(dir, `.${edit.file}.${process.pid}.tmp`);
    writeFileSync(temporary, edit.text);
    renameSync(temporary, target);
    return { ...(await this.reloadOrRestore(dir, edit.file, backup)), diff: lineDiff(before, edit.text) };
  }

  private async removeNow(body: unknown): Promise<CatalogApplied & { diff: string }> {
    const { file } = this.parse(catalogRemovalSchema, body);
    const dir = this.requireWritableDir();
    if (!this.yamlFiles(dir).includes(file)) throw new ChatbiError('INVALID_REQUEST', `The catalog has no file ${file}.`, { file });
    const rest = this.yamlFiles(dir).filter((name) => name !== file);
    if (rest.length === 0) throw new ChatbiError('CATALOG_EDIT_INVALID', `${file} is the last catalog file; a catalog needs at least one view.`);
    try {
      new CatalogLoader().loadSources(rest.map((name) => ({ file: name, text: readFileSync(join(dir, name), 'utf8') })));
    } catch (error) {
      if (!(error instanceof CatalogValidationError)) throw error;
      throw new ChatbiError('CATALOG_EDIT_INVALID', `${file} was not removed:\n${describeProblems(error.problems)}`, { problems: error.problems });
    }
    const before = readFileSync(join(dir, file), 'utf8');
    const backup = this.backUp(dir, file);
    rmSync(join(dir, file));
    return { ...(await this.reloadOrRestore(dir, file, backup)), diff: lineDiff(before, '') };
  }

  private backUp(dir: string, file: string): string {
    mkdirSync(join(dir, BACKUP_DIR), { recursive: true });
    const backup = join(BACKUP_DIR, `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
    copyFileSync(join(dir, file), join(dir, backup));
    return backup;
  }

  private async reloadOrRestore(dir: string, file: string, backup: string | null): Promise<CatalogApplied> {
    const target = join(dir, file);
    try {
      const reload = await this.admin.reload();
      this.logger.log(`changed ${file} (backup ${backup ?? 'none'}): catalog ${reload.hash}`);
      return { file, backup, ...reload };
    } catch (error) {
      // Someone changed another file meanwhile and the whole no longer loads: put ours back.
      if (backup) copyFileSync(join(dir, backup), target);
      else rmSync(target, { force: true });
      throw error;
    }
  }

  /** Loads the directory with the edited text in place of the file (or added to it). */
  private check(edit: CatalogEdit): { catalog: Catalog; problems?: undefined } | { catalog?: undefined; problems: CatalogProblem[] } {
    const dir = this.requireDir();
    const sources = this.yamlFiles(dir)
      .filter((name) => name !== edit.file)
      .map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
    sources.push({ file: join(dir, edit.file), text: edit.text });
    sources.sort((a, b) => basename(a.file).localeCompare(basename(b.file)));
    try {
      return { catalog: new CatalogLoader().loadSources(sources) };
    } catch (error) {
      if (!(error instanceof CatalogValidationError)) throw error;
      return { problems: error.problems.map((p) => ({ ...p, file: basename(p.file) })) };
    }
  }

  private difference(next: Catalog, file: string): Pick<CatalogValidation, 'views' | 'added' | 'removed'> {
    const before = new Set(this.registry.current().views.map((v) => v.name));
    const after = new Set(next.views.map((v) => v.name));
    return {
      views: next.views.filter((v) => basename(v.sourceFile) === file).map((v) => v.name),
      added: [...after].filter((v) => !before.has(v)),
      removed: [...before].filter((v) => !after.has(v)),
    };
  }

  /** The catalog's files: a link is one only when it leads to a file inside the directory (a Kubernetes ConfigMap's are). */
  private yamlFiles(dir: string): string[] {
    return readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name) && statSync(join(dir, name)).isFile() && (!lstatSync(join(dir, name)).isSymbolicLink() || isInsideDirectory(dir, name)))
      .sort();
  }

  private requireWritableDir(): string {
    const dir = this.requireDir();
    if (!this.source.writable) {
      throw new ChatbiError(
        'ADMIN_FORBIDDEN',
        'The catalog in service is the demo catalog that ships with ChatBI and is not edited in place. Copy it to a directory of your own and set CHATBI_CATALOG_DIR to that directory to edit it from the console.',
      );
    }
    return dir;
  }

  private requireDir(): string {
    if (!this.source.dir) throw new ChatbiError('INVALID_REQUEST', 'This service reads its catalog from no directory, so there are no files to edit.');
    return this.source.dir;
  }

  private parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new ChatbiError('INVALID_REQUEST', `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
  }
}

function describeProblems(problems: CatalogProblem[]): string {
  return problems
    .slice(0, 20)
    .map((p) => `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`)
    .join('\n');
}
