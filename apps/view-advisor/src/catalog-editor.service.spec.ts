import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CatalogLoader, CatalogRegistry, CatalogStore, CatalogViewEntity, type Catalog } from '@chatbi/catalog';
import { ChatbiError, TOPICS, type CatalogChangedMessage } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { InProcessBus } from '@chatbi/transport';
import { CatalogAdminService, type CatalogSource } from './catalog-admin.service';
import { BACKUP_DIR, CatalogEditorService } from './catalog-editor.service';

const FILE = 'user-activity-daily.yaml';

/** The editor on a copy of the demo catalog, with the real reload path (SQLite store, in-process bus). */
describe('CatalogEditorService', () => {
  let dir: string;
  let db: DataSource;
  let registry: CatalogRegistry;
  let changes: CatalogChangedMessage[];
  let bus: InProcessBus;
  let editor: CatalogEditorService;

  function setUp(writable: boolean): void {
    const source: CatalogSource = { dir, writable, load: () => new CatalogLoader().loadDirectory(dir) };
    editor = new CatalogEditorService(source, new CatalogAdminService(source, registry, db, bus), registry);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-editor-'));
    cpSync(DEMO_CATALOG_DIR, dir, { recursive: true });
    db = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [CatalogViewEntity], synchronize: true }).initialize();
    registry = new CatalogRegistry();
    registry.replace(new CatalogLoader().loadDirectory(dir));
    await new CatalogStore(db).save(registry.current());
    bus = new InProcessBus();
    changes = [];
    bus.subscribe<CatalogChangedMessage>(TOPICS.catalogChanged, async (m) => void changes.push(m));
    setUp(true);
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const original = () => readFileSync(join(DEMO_CATALOG_DIR, FILE), 'utf8');
  const withAlias = (text: string) => text.replace('aliases: { en: [DAU, daily active users,', 'aliases: { en: [DAU, zorbles, daily active users,');
  const broken = (text: string) => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('- key: dau')) + 2; // "role: metric", 1-based
    lines[line] = lines[line].replace('role: metric', 'role: metrc');
    return { text: lines.join('\n'), line: line + 1 };
  };
  async function failure(promise: Promise<unknown>): Promise<ChatbiError> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ChatbiError);
    return error as ChatbiError;
  }

  it('lists the files with their views and reads one', () => {
    const files = editor.files();
    expect(files.writable).toBe(true);
    expect(files.files.find((f) => f.name === FILE)?.views).toEqual(['user_activity_daily']);
    expect(editor.read(FILE).text).toBe(original());
  });

  it('validates an edit without writing it', () => {
    expect(editor.validate({ file: FILE, text: withAlias(original()) })).toMatchObject({ valid: true, views: ['user_activity_daily'], added: [], removed: [] });
    const { text, line } = broken(original());
    const result = editor.validate({ file: FILE, text });
    expect(result.valid).toBe(false);
    expect(result.problems[0]).toMatchObject({ file: FILE, line, path: expect.stringContaining('virtual_columns.0.role') });
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(original());
  });

  it('catches problems across files: a new file redefining a view', () => {
    const result = editor.validate({ file: 'copy.yaml', text: original() });
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.message).join(' ')).toMatch(/view user_activity_daily is already defined/);
  });

  it('applies: writes the file, keeps a backup, reloads and announces the new catalog', async () => {
    const before = registry.current().hash;
    const applied = await editor.apply({ file: FILE, text: withAlias(original()) });
    expect(applied.updated).toEqual(['user_activity_daily']);
    expect(applied.hash).not.toBe(before);
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(withAlias(original()));
    expect(readFileSync(join(dir, applied.backup!), 'utf8')).toBe(original());
    expect(applied.backup!.startsWith(`${BACKUP_DIR}/`)).toBe(true);
    expect(registry.current().column('user_activity_daily', 'dau')!.aliases.en).toContain('zorbles');
    await bus.drain();
    expect(changes.map((c) => c.catalogHash)).toEqual([applied.hash]);
    // Backups and temporary files are not catalog files.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(new CatalogLoader().loadDirectory(dir).hash).toBe(applied.hash);
  });

  it('adds a view from a new file', async () => {
    const text = `version: 1
views:
  - name: app_daily_brief
    source: user_activity_daily
    description: A narrow view of daily activity.
    columns:
      - { name: event_day, type: date, role: time, description: Day. }
      - { name: uid, type: string, role: id, description: User. }
`;
    const applied = await editor.apply({ file: 'app-daily-brief.yaml', text });
    expect(applied).toMatchObject({ added: ['app_daily_brief'], backup: null });
    expect(registry.current().view('app_daily_brief')).toBeDefined();
  });

  it('removes a file and its views, keeping a backup', async () => {
    const removed = await editor.remove({ file: 'creator-daily.yaml' });
    expect(removed).toMatchObject({ file: 'creator-daily.yaml', removed: ['creator_daily'], backup: expect.stringMatching(/^\.backups\/creator-daily\.yaml\./) });
    expect(readdirSync(dir)).not.toContain('creator-daily.yaml');
    expect(registry.current().view('creator_daily')).toBeUndefined();
    expect((await failure(editor.remove({ file: 'creator-daily.yaml' }))).code).toBe('INVALID_REQUEST');
  });

  it('refuses an invalid edit with its line and writes nothing', async () => {
    const before = registry.current().hash;
    const { text, line } = broken(original());
    const error = await failure(editor.apply({ file: FILE, text }));
    expect(error.code).toBe('CATALOG_EDIT_INVALID');
    expect(error.httpStatus).toBe(422);
    expect(error.message).toContain(`${FILE}:${line}:`);
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(original());
    expect(readdirSync(dir)).not.toContain(BACKUP_DIR);
    expect(registry.current().hash).toBe(before);
    await bus.drain();
    expect(changes).toEqual([]);
  });

  it.each([
    [{ file: '../escape.yaml', text: 'x' }, 'file'],
    [{ file: 'sub/dir.yaml', text: 'x' }, 'file'],
    [{ file: 'notes.txt', text: 'x' }, 'file'],
    [{ file: FILE }, 'text'],
    [{ file: FILE, text: 'x', extra: 1 }, 'extra'],
  ])('refuses the body %j naming %s', async (body, field) => {
    const error = await failure(editor.apply(body));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain(field);
    expect(() => editor.validate(body)).toThrow(ChatbiError);
  });

  it('validates but never writes the demo catalog shipped with the code', async () => {
    setUp(false);
    expect(editor.files().writable).toBe(false);
    expect(editor.validate({ file: FILE, text: withAlias(original()) }).valid).toBe(true);
    const error = await failure(editor.apply({ file: FILE, text: withAlias(original()) }));
    expect(error.code).toBe('ADMIN_FORBIDDEN');
    expect(error.message).toContain('CHATBI_CATALOG_DIR');
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(original());
  });

  it('puts the file back when the catalog no longer loads as a whole at reload', async () => {
    const text = withAlias(original());
    // Another file breaks between validation and reload: simulated by a source whose load fails once.
    let fail = true;
    const source: CatalogSource = {
      dir,
      writable: true,
      load: (): Catalog => {
        if (fail) {
          fail = false;
          throw new ChatbiError('CATALOG_INVALID', 'broken meanwhile');
        }
        return new CatalogLoader().loadDirectory(dir);
      },
    };
    editor = new CatalogEditorService(source, new CatalogAdminService(source, registry, db, bus), registry);
    const error = await failure(editor.apply({ file: FILE, text }));
    expect(error.message).toBe('broken meanwhile');
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(original());
  });
});
