export { buildChangeReport } from './build.ts';
export { commitMessageFor } from './commit-message.ts';
export { renderChangeReport, REPORT_FORMATS, type ReportFormat, type RenderOptions } from './render.ts';
export { PR_BODY_MAX_CHARS } from './render-markdown.ts';
export type { TextStyle } from './render-text.ts';
export { summarizeChanges } from './summary.ts';
export * from './thresholds.ts';
export type * from './types.ts';
