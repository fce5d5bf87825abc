import type { CSSProperties } from 'react';
import type { SampleSummary } from '../../shared/api-types';
import { formatCompact, formatRelative } from '../format';
import { StarRating } from './star-rating';
import { VerdictMark, verdictTitle } from './verdict-mark';

export interface SampleRowProps {
  sample: SampleSummary | undefined;
  index: number;
  style: CSSProperties;
  selected: boolean;
  onOpen: (id: string) => void;
}

/** One line of the sample list: the input, the answer, reasoning size, tags, rating and provenance. */
export function SampleRow({ sample, index, style, selected, onOpen }: SampleRowProps) {
  if (!sample) {
    return (
      <div className="sample-row" style={style} data-index={index} data-testid="sample-row-loading">
        <div>
          <span className="skeleton" style={{ width: `${50 + ((index * 37) % 40)}%` }} />
          <span className="skeleton" style={{ width: '30%', marginTop: 10 }} />
        </div>
      </div>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualised row positioned absolutely
    <div
      className={`sample-row${selected ? ' selected' : ''}`}
      style={style}
      data-index={index}
      data-testid="sample-row"
      data-sample-id={sample.id}
      role="button"
      tabIndex={0}
      onClick={() => onOpen(sample.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(sample.id);
      }}
    >
      <div style={{ minWidth: 0 }}>
        <div className="title">{sample.input || <span className="placeholder">(empty input)</span>}</div>
        <div className="meta">
          {sample.verdict ? (
            <VerdictMark
              verdict={sample.verdict.mark}
              label={sample.verdict.mark}
              title={verdictTitle(sample.verdict)}
            />
          ) : null}
          <span className="answer" title={sample.answer}>
            {sample.answer || '—'}
          </span>
          {sample.reasoningChars > 0 ? (
            <span className="chip" title="Characters of reasoning">
              reasoning · {formatCompact(sample.reasoningChars)}
            </span>
          ) : (
            <span className="chip chip-warn">no reasoning</span>
          )}
          {sample.reasoningTruncated ? <span className="chip chip-warn">cut off</span> : null}
          {sample.tags.slice(0, 3).map((tag) => (
            <span key={tag} className="chip chip-accent">
              {tag}
            </span>
          ))}
          {sample.tags.length > 3 ? <span className="muted">+{sample.tags.length - 3}</span> : null}
        </div>
      </div>
      <div className="right">
        <StarRating value={sample.rating} size={13} />
        <span>
          {sample.model ?? sample.source} · {formatRelative(sample.createdAt)}
        </span>
      </div>
    </div>
  );
}
