import type { CheckFinding, CheckReport } from '@distillery/core';

export interface FormatCheckReportOptions {
  /** Findings listed per kind (errors, warnings); the rest are counted. Default 20. */
  maxErrors?: number;
}

function where(finding: CheckFinding): string {
  return finding.line > 0 ? `line ${finding.line}` : 'file';
}

function list(title: string, findings: CheckFinding[], total: number, max: number): string[] {
  if (total === 0) return [];
  const out = [`${title} (${total}):`];
  for (const finding of findings.slice(0, max)) {
    const [first, ...rest] = finding.message.split('\n');
    out.push(`  ${where(finding)}  [${finding.code}] ${first}`);
    for (const more of rest) out.push(`      ${more}`);
  }
  if (total > Math.min(max, findings.length))
    out.push(`  ... and ${total - Math.min(max, findings.length)} more`);
  return out;
}

/** A readable summary of a check report: verdict, counts, the first findings with line numbers, stats. */
export function formatCheckReport(report: CheckReport, options: FormatCheckReportOptions = {}): string {
  const max = options.maxErrors ?? 20;
  const s = report.stats;
  const errors = s.errors ?? report.errors.length;
  const warnings = s.warnings ?? report.warnings.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `${report.ok ? 'OK' : 'FAILED'}: ${plural(report.samples, 'sample')}, format ${report.format}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    ...list('Errors', report.errors, errors, max),
    ...list('Warnings', report.warnings, warnings, max),
  ];
  const stat = (key: string) => s[key] ?? 0;
  const parts = [
    `${thousands(stat('bytes'))} bytes`,
    `${thousands(stat('lines'))} lines`,
    `${stat('withReasoning')} with reasoning`,
    `~${thousands(stat('tokensTotal'))} tokens (max ${stat('tokensMax')}, mean ${stat('tokensMean')})`,
  ];
  if (s.maxSeqLength !== undefined) parts.push(`${stat('truncatedExamples')} over ${s.maxSeqLength} tokens`);
  parts.push(`${stat('duplicates')} duplicates`);
  if (s.validationSamples !== undefined) parts.push(`${stat('overlapWithValidation')} also in validation`);
  if (stat('distinctSystemPrompts') > 0)
    parts.push(`${stat('distinctSystemPrompts')} distinct system prompts`);
  lines.push(`Stats: ${parts.join(', ')}`);
  return lines.join('\n');
}

/**
 * 1234567 as "1,234,567". Not `toLocaleString`: its first call loads ICU's number formats, about
 * 30 ms of a command that otherwise starts in a blink.
 */
function thousands(n: number): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
