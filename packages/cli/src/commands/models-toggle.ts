import { findBaseModelId, indexCatalog, ToggleError, toggleOffering } from '@llm-catalog/catalog';
import type { CommandContext } from '../context.ts';
import { editCatalog } from '../edit-catalog.ts';
import { CliError } from '../errors.ts';

/** `models enable|disable`: one manual override written or removed by the library's toggleOffering. */

export interface ToggleOptions {
  reason?: string;
  replaceWith?: string;
}

export async function setModelDisabled(ctx: CommandContext, providerId: string, modelId: string, disabled: boolean, opts: ToggleOptions) {
  if (disabled && !opts.reason?.trim()) {
    throw new CliError('`models disable` needs --reason TEXT: a manual override must say why');
  }
  const { result } = await editCatalog(ctx.dataDir, (catalog) => {
    let replaceWith: string | undefined;
    if (opts.replaceWith) {
      replaceWith = findBaseModelId(indexCatalog(catalog), opts.replaceWith);
      if (!replaceWith) throw new CliError(`--replace-with: no model "${opts.replaceWith}" in models.json`);
    }
    try {
      const toggled = toggleOffering(catalog, {
        provider: providerId,
        model: modelId,
        disabled,
        ...(opts.reason?.trim() ? { reason: opts.reason.trim() } : {}),
        ...(replaceWith ? { replace_with: replaceWith } : {}),
      });
      return { catalog: toggled.catalog, result: toggled };
    } catch (err) {
      if (err instanceof ToggleError) {
        throw new CliError(err.code === 'needs-reason' ? `${err.message} (--reason TEXT)` : err.message);
      }
      throw err;
    }
  });
  const { change, model_id: id, variant, override } = result;
  if (ctx.json) {
    ctx.printJson({ provider_id: providerId, model_id: id, ...(variant ? { variant } : {}), disabled, change, ...(override ? { override } : {}) });
    return;
  }
  const label = `${providerId}/${id}${variant ? ` (variant ${variant})` : ''}`;
  const state = disabled ? 'disabled' : 'enabled';
  if (change === 'unchanged') ctx.info(`${label} is already ${state}; nothing changed`);
  else if (change === 'removed') ctx.info(`${state} ${label}: removed the manual override (priority ${override?.priority}) that disabled it`);
  else ctx.info(`${state} ${label}: ${change} manual override at priority ${override?.priority} ("${override?.reason}")`);
}
