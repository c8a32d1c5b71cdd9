// `npm start` ends here: the whole system on this machine, with demo data, until Ctrl-C.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, TENANTS, demoLogins } from '@yingshang/seeds';
import { StartupError } from './database.ts';
import { resolve } from 'node:path';
import { defaultDataDir } from './paths.ts';
import { type Stack, startStack } from './stack.ts';

// `pnpm dev:start -- --port 8800` hands its `--` on; taken as the end of options, every option after it was silently
// ignored. A stray word is refused rather than ignored.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string', default: '8787' },
    verbose: { type: 'boolean', default: false },
    data: { type: 'string' },
  },
});

const port = Number(values.port);
const dataDir = values.data ? resolve(values.data) : defaultDataDir;
const say = (line: string) => console.log(`» ${line}`);
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
// Chinese characters take two columns in a terminal.
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, columns: number) => s + ' '.repeat(Math.max(1, columns - width(s)));

function banner(stack: Stack) {
  const lines = [
    '',
    bold('营商 Yingshang is running'),
    '',
    `  Portal (all tenants)   ${stack.url}`,
    `  API health             ${stack.url}/api/health`,
    `  API docs               ${stack.url}/api/docs`,
    '',
    bold('  Tenant hosts'),
    ...TENANTS.map((t) => `    ${pad(t.name, 26)}${stack.tenantUrl(t.slug)}`),
    '',
    bold(`  Demo logins (password for all: ${DEMO_PASSWORD})`),
    ...demoLogins().reduce<string[]>((out, login, i, all) => {
      // One line per tenant keeps the table short: the roles are the same in every district.
      if (i > 0 && all[i - 1]!.tenantSlug === login.tenantSlug) return out;
      const mine = all.filter((l) => l.tenantSlug === login.tenantSlug);
      if (login.tenantSlug !== 'zhengzhou' && !['jinshui', 'erqi'].includes(login.tenantSlug)) return out;
      out.push(`    ${stack.tenantUrl(login.tenantSlug)}`);
      for (const l of mine) out.push(`      ${l.username.padEnd(10)} ${l.roleName}`);
      return out;
    }, []),
    '    (every district has the same usernames: admin, fgw, yingshang, ducha, ganbu, qiye)',
    '',
    `  Data is kept in ${dataDir}${values.fresh ? ' (just reset)' : ''}; \`npm start -- --fresh\` starts afresh.`,
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) say('DATABASE_URL is set: using that database instead of the embedded one');
  const stack = await startStack({
    port,
    dataDir,
    fresh: values.fresh,
    databaseUrl,
    log: say,
    verboseWorkers: values.verbose,
  });
  banner(stack);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof StartupError || (err instanceof Error && /already in use|Cannot listen|is missing/.test(err.message))) {
    console.error(`\n✖ ${err.message}\n`);
  } else {
    console.error('\n✖ Yingshang could not start:', err);
  }
  process.exit(1);
});
