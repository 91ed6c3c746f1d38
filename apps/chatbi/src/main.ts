import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from './config/chatbi.config';
import { auditCommand, purgeCommand, tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './access/access.commands';
import { connectCommand } from './connect.command';
import { evalCommand } from './eval.command';
import { trainCommand } from './train.command';
import { trainProxyCommand } from './train-proxy.command';
import {
  askCommand,
  catalogListCommand,
  chatCommand,
  generateDemoCommand,
  introspectCommand,
  serveCommand,
} from './cli.commands';

const program = new Command('chatbi').description('ChatBI: ask your warehouse in English or Chinese');

program.command('serve', { isDefault: true }).description('run the embedded app (HTTP API on PORT, default 3000)').action(serveCommand);
program
  .command('ask')
  .argument('<question>')
  .option('-s, --session <id>', 'continue a conversation')
  .option('--json', 'print the whole answer as JSON')
  .description('answer one question and print the SQL and the table')
  .action(askCommand);
program.command('chat').description('an interactive multi-turn session').action(chatCommand);
const catalog = program
  .command('catalog')
  .description('list views and columns')
  .option('-v, --view <name>', 'list one view\'s columns')
  .action(catalogListCommand);
catalog
  .command('introspect')
  .argument('<url-or-file>', 'a warehouse URL (as for connect) or a DuckDB/SQLite file')
  .option('-o, --out <file.yaml>', 'write the draft here instead of stdout')
  .option('-r, --relations <a,b>', 'only these tables or views')
  .description('draft a catalog from an existing warehouse (what `chatbi connect` does, into one file)')
  .action(introspectCommand);
program
  .command('connect')
  .argument('<url>', 'duckdb:///file.duckdb, sqlite:///file.sqlite, postgres://user:pw@host/db or mysql://user:pw@host/db (mariadb:// too); a bare DuckDB/SQLite path works too')
  .option('-o, --out <dir>', 'write <dir>/<database>.yaml', 'catalog')
  .option('--dry-run', 'print the YAML to stdout, write nothing')
  .option('--force', 'replace <dir>/<database>.yaml if it exists')
  .option('-r, --relations <a,b>', 'only these tables or views (name or schema.name)')
  .option('--enum-limit <n>', 'strings with at most n distinct values get their values listed (default 100)')
  .option('--default-range <range>', 'what a question without a period reads, e.g. "last 7 days" (default: all rows)')
  .description('draft a catalog from a live warehouse: views, keys, relationships, metrics, dimensions and aliases; says on stderr what it drafted and left out')
  .action(connectCommand);
program
  .command('demo')
  .description('generate the demo warehouse')
  .requiredOption('-f, --file <file.duckdb>', 'where to write it')
  .option('--size <small|bench>', 'small (seconds) or bench (tens of millions of rows)', 'small')
  .option('--seed <n>', 'random seed', '42')
  .action(generateDemoCommand);

program
  .command('eval')
  .argument('<benchmark>', 'demo-srd, demo-mrd, spider-sample, spider-cold (drafted by connect), spider (with --spider <dir>) or all')
  .option('--spider <dir>', 'a Spider folder: dev.json, tables.json, database/')
  .option('--limit <n>', 'only the first n questions or dialogues')
  .option('-o, --out <dir>', 'where eval-<benchmark>.json and .html go (default bench/results)')
  .description('score the pipeline on a benchmark: EX, UEX, Spider hardness and exact match')
  .action(evalCommand);

program.command('train').option('--seed <n>', 'training seed').option('--paraphrase <n>', 'first ask Claude to paraphrase n generated questions (ANTHROPIC_API_KEY)').description('train both small models (completeness, view ranking) into CHATBI_DATA_DIR/models').action(trainCommand);
program
  .command('train-proxy <labels.tsv...>')
  .description('train a proxy for a semantic operator from labelled rows (label<TAB>text; the oracle writes them to CHATBI_SEMANTIC_LABELS_DIR) and list it in <out>/proxies.yaml')
  .requiredOption('-i, --instruction <text>', 'the operator instruction it is for, e.g. "is spam"')
  .option('--positive <label>', 'for a filter: the label meaning yes (default yes/true/1)')
  .option('--labels <a,b,c>', 'for a classifier: the labels in order')
  .option('-o, --out <dir>', 'where the model and proxies.yaml go', 'proxies')
  .option('--seed <n>', 'training seed', '1')
  .action(trainProxyCommand);

const token = program.command('token').description('API tokens: who may call this ChatBI (the first one makes every caller authenticate)');
token
  .command('create')
  .requiredOption('-u, --user <name>', 'the user the token speaks for (owner of its sessions, in the audit log)')
  .option('-n, --name <label>', 'a label for the list (default: the user)')
  .option('-s, --scopes <a,b>', 'some of ask, advisor:read, admin', 'ask')
  .option('-r, --roles <a,b>', "roles for the catalog's access rules")
  .option('-a, --attributes <json>', 'user attributes for row filters, e.g. \'{"region":"east"}\'')
  .option('--rate-limit <n>', 'requests a minute (default CHATBI_RATE_LIMIT_PER_MINUTE)')
  .option('--expires-days <n>', 'valid for n days (default: until revoked)')
  .description('create a token and print it once (only its hash is stored)')
  .action(tokenCreateCommand);
token.command('list').description('list tokens (never their secrets)').action(tokenListCommand);
token.command('revoke').argument('<id>').description('revoke a token at once').action(tokenRevokeCommand);
program
  .command('audit')
  .option('-u, --user <name>', 'only this user')
  .option('-k, --kind <ask|catalog-edit>', 'only questions or catalog edits')
  .option('-o, --outcome <code>', 'only this outcome (answered, applied, or an error code)')
  .option('--since <date>', 'from this ISO date or time')
  .option('--until <date>', 'up to this ISO date (inclusive) or time')
  .option('-l, --limit <n>', 'at most n events', '50')
  .option('--json', 'print the events as JSON, with plan, SQL and parameters')
  .description('query the audit log: who asked what, with which plan, SQL and outcome; catalog edits with their diff')
  .action(auditCommand);
program
  .command('purge')
  .description('delete now the audit events, conversations and logged questions older than their retention (CHATBI_*_RETENTION_DAYS)')
  .action(purgeCommand);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
