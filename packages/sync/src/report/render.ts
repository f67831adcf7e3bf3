import { renderMarkdown } from './render-markdown.ts';
import { renderText, type TextStyle } from './render-text.ts';
import type { ChangeReport } from './types.ts';

export const REPORT_FORMATS = ['markdown', 'json', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Markdown only: the size bound (default: GitHub's pull-request body limit). */
  maxChars?: number;
  /** Text only: terminal colors. */
  style?: TextStyle;
}

/** The report in one format. JSON is the report object itself, so machines see every change. */
export function renderChangeReport(report: ChangeReport, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(report, options.maxChars);
    case 'text':
      return renderText(report, options.style);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
