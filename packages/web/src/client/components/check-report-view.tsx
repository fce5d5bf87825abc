import type { DatasetCheckView } from '../../shared/api-types';
import { describeCheckStats } from '../describe-check-stats';
import { formatCount } from '../format';
import { KeyValues } from './key-values';

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** An export and the provider's verdict on it: errors with line numbers, warnings, stats. */
export function CheckReportView({ result }: { result: DatasetCheckView }) {
  const e = result.export;
  const r = result.report;
  const name = e.file.split(/[\\/]/).at(-1) ?? e.file;
  return (
    <div className="stack" data-testid="check-report">
      <div className="row">
        {r ? (
          <span className={`chip ${r.ok ? 'chip-ok' : 'chip-danger'}`} data-testid="check-verdict">
            {r.ok ? `${r.backend} would accept this file` : `${r.backend} would reject this file`}
          </span>
        ) : (
          <span className="chip">No provider checker for {e.format}: for local trainers</span>
        )}
        <span className="muted small">
          {formatCount(e.examples)} examples from {formatCount(e.samples)} samples · {kib(e.bytes)}
          {e.skipped ? ` · ${formatCount(e.skipped)} skipped` : ''}
          {e.truncatedReasoning ? ` · ${formatCount(e.truncatedReasoning)} with cut-off reasoning` : ''}
        </span>
      </div>
      <KeyValues
        items={[
          [
            'File',
            <span key="f" className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
              <code style={{ overflowWrap: 'anywhere' }}>{e.file}</code>
              <a
                className="btn"
                href={`/api/exports/${encodeURIComponent(name)}`}
                download={name}
                data-testid="export-download"
              >
                Download
              </a>
            </span>,
          ],
          ['Call the result with', `${e.flow} flow${e.parser ? ` · parser ${e.parser}` : ''}`],
          ...describeCheckStats(r?.stats ?? {}),
        ]}
      />
      {r && (r.errors.length || r.warnings.length) ? (
        <table className="table">
          <thead>
            <tr>
              <th style={{ width: 70 }}>Line</th>
              <th style={{ width: 90 }}>Level</th>
              <th style={{ width: 200 }}>Code</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...r.errors.map((f) => ({ ...f, level: 'error' })),
              ...r.warnings.map((f) => ({ ...f, level: 'warning' })),
            ]
              .slice(0, 30)
              .map((f) => (
                <tr key={`${f.level}-${f.line}-${f.code}-${f.message}`}>
                  <td className="num">{f.line || '—'}</td>
                  <td>
                    <span className={`chip ${f.level === 'error' ? 'chip-danger' : 'chip-warn'}`}>
                      {f.level}
                    </span>
                  </td>
                  <td>
                    <code>{f.code}</code>
                  </td>
                  <td>{f.message}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
