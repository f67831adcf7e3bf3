import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { registerValidate } from './validate.ts';
import { registerDiff } from './diff.ts';
import { registerHistory } from './history.ts';
import { registerProviders } from './providers.ts';
import { registerModels } from './models.ts';
import { registerDiscover } from './discover.ts';
import { registerCost } from './cost.ts';
import { registerBuild } from './build.ts';
import { registerTestConnection } from './test-connection.ts';
import { registerHealth } from './health.ts';
import { registerSync } from './sync.ts';
import { registerImport } from './import.ts';
import { registerNormalize } from './normalize.ts';
import { registerServe } from './serve.ts';
import { registerIdentity } from './identity.ts';
import { registerAudit } from './audit.ts';

/** Every command of the CLI. Each module only parses its flags and calls the packages. */
export function registerCommands(program: Command, getContext: () => CommandContext): void {
  registerValidate(program, getContext);
  registerDiff(program, getContext);
  registerHistory(program, getContext);
  registerProviders(program, getContext);
  registerModels(program, getContext);
  registerDiscover(program, getContext);
  registerCost(program, getContext);
  registerBuild(program, getContext);
  registerTestConnection(program, getContext);
  registerHealth(program, getContext);
  registerSync(program, getContext);
  registerImport(program, getContext);
  registerNormalize(program, getContext);
  registerServe(program, getContext);
  registerIdentity(program, getContext);
  registerAudit(program, getContext);
}
