import { StreamableFile } from '@nestjs/common';
import { responsesCsv, scoresCsv } from './report-csv.js';
import { fileBase } from './report-format.js';
import { reportMarkdown } from './report-markdown.js';
import type { AfterActionReport } from './report-model.js';
import { reportPdf } from './report-pdf.js';
import { REPORT_MESSAGES, type ReportMessages } from './report-messages.js';

export const REPORT_FORMATS = ['pdf', 'markdown', 'json', 'responses-csv', 'scores-csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const PLAYER_FORMATS = ['pdf', 'markdown', 'json'] as const;

export function download(body: Buffer | string, type: string, filename: string): StreamableFile {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new StreamableFile(buf, { type, disposition: `attachment; filename="${filename}"`, length: buf.length });
}

/** One report in one export format, as a download. */
export async function exportReport(
  r: AfterActionReport,
  format: ReportFormat,
  t: ReportMessages = REPORT_MESSAGES.en,
): Promise<StreamableFile> {
  const base = `${fileBase(r)}${t.language === 'en' ? '' : `-${t.language}`}`;
  switch (format) {
    case 'pdf':
      return download(await reportPdf(r, t), 'application/pdf', `${base}.pdf`);
    case 'markdown':
      return download(reportMarkdown(r, t), 'text/markdown; charset=utf-8', `${base}.md`);
    case 'json':
      return download(JSON.stringify(r), 'application/json; charset=utf-8', `${base}.json`);
    case 'responses-csv':
      return download(responsesCsv(r, t), 'text/csv; charset=utf-8', `${base}-responses.csv`);
    case 'scores-csv':
      return download(scoresCsv(r, t), 'text/csv; charset=utf-8', `${base}-scores.csv`);
  }
}
