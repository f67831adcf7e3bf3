import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past the data that survived the last full collection, in
 * percent. By default it grows two to four times the live data between collections, and a sync holds
 * the catalog as read, the merged catalog and the fetched lists at once: a re-sync of 100,000
 * offerings peaked at 360 MB, under 300 MB at 25% for about a tenth of a second more (the marking runs
 * on the other core). See docs/performance.md.
 */
const HEAP_GROWING_PERCENT = 25;

/** Bounds the heap's growth for the commands that merge a whole catalog (`sync`, `import`). */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
