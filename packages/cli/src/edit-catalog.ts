import { type Catalog, type DataFileKind, editCatalog as editDataFiles, InvalidEditError } from '@llm-catalog/catalog';
import { CliError, EXIT } from './errors.ts';

/** The library's edit path, with an invalid result reported as a one-line usage error (exit 2). */
export async function editCatalog<T>(
  dataDir: string,
  edit: (catalog: Catalog) => { catalog: Catalog; result: T },
): Promise<{ result: T; written: DataFileKind[] }> {
  try {
    return await editDataFiles(dataDir, edit);
  } catch (err) {
    if (err instanceof InvalidEditError) throw new CliError(err.message, EXIT.fatal);
    throw err;
  }
}
