import { z } from 'zod';
import { VersionSchema } from './common.ts';
import { LinkSchema } from './link.ts';
import { ModelSchema } from './model.ts';
import { OverrideSchema } from './override.ts';
import { ProviderSchema } from './provider.ts';

/** The three data files, each an envelope around one sorted array. */
export const DATA_FILES = {
  providers: 'providers.json',
  models: 'models.json',
  overrides: 'overrides.json',
} as const;
export type DataFileKind = keyof typeof DATA_FILES;
export const DATA_FILE_KINDS = Object.keys(DATA_FILES) as DataFileKind[];

/**
 * A person's reviewed identity links: a fourth file in the same envelope, read, validated and
 * written like the others, but optional (absent means no links) and never written by a sync or an
 * import, only by `catalog identity link|unlink` or by hand.
 */
export const LINKS_FILE = 'links.json';
/** Every file kind with an envelope: the three catalog files and the links file. */
export type FileKind = DataFileKind | 'links';
export const FILE_NAMES: Record<FileKind, string> = { ...DATA_FILES, links: LINKS_FILE };

const envelope = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.strictObject({
    $schema: z.string().optional(),
    version: VersionSchema,
    ...({ [key]: z.array(item) } as { [P in K]: z.ZodArray<T> }),
  });

export const ProvidersFileSchema = envelope('providers', ProviderSchema);
export const ModelsFileSchema = envelope('models', ModelSchema);
export const OverridesFileSchema = envelope('overrides', OverrideSchema);
export const LinksFileSchema = envelope('links', LinkSchema);

export const FILE_SCHEMAS = {
  providers: ProvidersFileSchema,
  models: ModelsFileSchema,
  overrides: OverridesFileSchema,
  links: LinksFileSchema,
} as const;

export const ENTRY_SCHEMAS = {
  providers: ProviderSchema,
  models: ModelSchema,
  overrides: OverrideSchema,
  links: LinkSchema,
} as const;

export type ProvidersFile = z.infer<typeof ProvidersFileSchema>;
export type ModelsFile = z.infer<typeof ModelsFileSchema>;
export type OverridesFile = z.infer<typeof OverridesFileSchema>;
export type LinksFile = z.infer<typeof LinksFileSchema>;
