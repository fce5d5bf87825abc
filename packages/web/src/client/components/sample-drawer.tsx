import { useEffect, useRef, useState } from 'react';
import type { Sample, SampleVerdictView } from '../../shared/api-types';
import { apiGet, apiJson } from '../api/api-client';
import { formatCount, formatDate, formatMs, formatUsd } from '../format';
import { useApi } from '../hooks/use-api';
import { AnswerPanel } from './answer-panel';
import { ErrorBanner } from './error-banner';
import { Icon } from './icon';
import { KeyValues } from './key-values';
import { ReasoningPanel } from './reasoning-panel';
import { StarRating } from './star-rating';
import { TagEditor } from './tag-editor';
import { TraceView } from './trace-view';
import { VerdictMark, verdictTitle } from './verdict-mark';

export interface SampleDrawerProps {
  id: string;
  onClose: () => void;
  /** Opens the sample before this one in the list (button, `k` or ↑); absent at the start. */
  onPrevious?: (() => void) | undefined;
  /** Opens the sample after this one (button, `j` or ↓); absent at the end. */
  onNext?: (() => void) | undefined;
  /** Where this sample stands in the list, e.g. `3 of 200`. */
  position?: string | undefined;
  /** Called with the stored sample after a tag or rating change. */
  onChanged: (sample: Sample) => void;
}

function provenance(sample: Sample): [string, string | undefined][] {
  const source = sample.source;
  if (source.type === 'import') {
    return [
      ['Source', `Imported (${source.format})`],
      ['File', `${source.file}${source.line ? `:${source.line}` : ''}`],
    ];
  }
  if (source.type === 'human') return [['Source', `Written by ${source.author ?? 'a person'}`]];
  const rc = source.runConfig;
  return [
    ['Source', 'Generated'],
    ['Run config', rc.name],
    ['Teacher', `${rc.provider} / ${rc.model}`],
    ['Call flow', `${rc.flow}${rc.parser ? ` · parser ${rc.parser}` : ''}`],
  ];
}

/** The full sample: input, reasoning and answer side by side, trace, provenance, usage and cost; tag and rate it. */
/**
 * The whole conversation: the generating call as recorded (every message a flow sent and got),
 * else the earlier turns, the input and the answer.
 */
function fullTrace(sample: Sample): Sample['trace'] {
  if (sample.callTrace?.length) return sample.callTrace;
  return [
    ...sample.trace,
    { role: 'user', content: sample.input },
    {
      role: 'assistant',
      content: sample.output.content,
      ...(sample.reasoning ? { reasoning: sample.reasoning.text } : {}),
    },
  ];
}

/** A key typed into a field is the field's, not a shortcut. */
function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function SampleDrawer({ id, onClose, onPrevious, onNext, position, onChanged }: SampleDrawerProps) {
  const [loaded, setSample] = useState<Sample>();
  // Right after moving to another id the last sample is still in state: it is not shown (nor rated
  // by a key pressed then) until the new one has arrived.
  const sample = loaded?.id === id ? loaded : undefined;
  const verdict = useApi<SampleVerdictView | null>(`/api/samples/${encodeURIComponent(id)}/verdict`);
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setSample(undefined);
    setError(undefined);
    apiGet<Sample>(`/api/samples/${encodeURIComponent(id)}`, controller.signal).then(
      setSample,
      (e: Error) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [id]);

  const patch = async (change: { tags?: string[]; rating?: number | null }) => {
    if (!sample) return;
    setSaving(true);
    setError(undefined);
    setSample({ ...sample, ...change } as Sample);
    try {
      const updated = await apiJson<Sample>('PATCH', `/api/samples/${encodeURIComponent(id)}`, change);
      setSample(updated);
      onChanged(updated);
    } catch (e) {
      setError(e as Error);
      setSample(sample);
    } finally {
      setSaving(false);
    }
  };

  // Reviewing many samples from the keyboard: j/k (or ↓/↑) to move, 1–5 to rate, Escape to close.
  const handlers = { onClose, onPrevious, onNext, rate: (rating: number) => void patch({ rating }) };
  const keys = useRef(handlers);
  keys.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      if (e.key === 'Escape') k.onClose();
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      if (e.key === 'j' || e.key === 'ArrowDown') k.onNext?.();
      else if (e.key === 'k' || e.key === 'ArrowUp') k.onPrevious?.();
      else if (/^[1-5]$/.test(e.key)) k.rate(Number(e.key));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const usage = sample?.usage;
  return (
    <>
      <div className="overlay" onClick={onClose} aria-hidden="true" />
      <aside className="drawer" role="dialog" aria-label="Sample" data-testid="sample-drawer">
        <div className="drawer-head">
          <div style={{ minWidth: 0, flex: 1 }}>
            <div className="muted small">Sample · {sample ? sample.taskId : '…'}</div>
            <h2 style={{ fontSize: 16, fontFamily: 'var(--mono)', fontWeight: 500 }}>{id}</h2>
          </div>
          <div className="row" style={{ gap: 4 }}>
            {position ? (
              <span className="muted small" data-testid="sample-position" title="j / k to move, 1–5 to rate">
                {position}
              </span>
            ) : null}
            <button
              type="button"
              className="btn btn-ghost"
              onClick={onPrevious}
              disabled={!onPrevious}
              aria-label="Previous sample"
              title="Previous sample (k)"
            >
              ↑
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={onNext}
              disabled={!onNext}
              aria-label="Next sample"
              title="Next sample (j)"
            >
              ↓
            </button>
          </div>
          {sample ? (
            <div className="row" style={{ gap: 14 }}>
              <StarRating value={sample.rating} onChange={(rating) => void patch({ rating })} size={18} />
              {saving ? <span className="muted small">Saving…</span> : null}
            </div>
          ) : null}
          <button type="button" className="btn btn-ghost" onClick={onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </div>
        <div className="drawer-body">
          <ErrorBanner error={error} />
          {sample ? (
            <>
              <div className="row">
                <span className="section-title" style={{ margin: 0 }}>
                  Tags
                </span>
                <TagEditor tags={sample.tags} onChange={(tags) => void patch({ tags })} disabled={saving} />
              </div>
              <section>
                <div className="section-title">Input</div>
                <div className="card card-body prose" data-testid="sample-input">
                  {sample.input}
                </div>
              </section>
              <div className="side-by-side">
                <ReasoningPanel
                  text={sample.reasoning?.text ?? null}
                  origin={sample.reasoning?.origin ?? null}
                  truncated={sample.reasoning?.truncated ?? false}
                  emptyText="This sample has no reasoning."
                />
                <AnswerPanel
                  text={sample.output.content}
                  structured={sample.output.structured}
                  extra={
                    <>
                      {verdict.data ? (
                        <VerdictMark
                          verdict={verdict.data.mark}
                          label={verdict.data.mark}
                          title={verdictTitle(verdict.data)}
                        />
                      ) : null}
                      {sample.finishReason ? <span className="chip">{sample.finishReason}</span> : null}
                    </>
                  }
                />
              </div>
              {sample.rejected ? (
                <section>
                  <div className="section-title">Rejected answer (preference pair)</div>
                  <div className="side-by-side">
                    <ReasoningPanel text={sample.rejected.reasoning ?? null} emptyText="No reasoning." />
                    <AnswerPanel text={sample.rejected.content} />
                  </div>
                </section>
              ) : null}
              <div className="grid-2">
                <section className="card card-body">
                  <div className="section-title">Provenance</div>
                  <KeyValues
                    items={[
                      ...provenance(sample),
                      ['Created', formatDate(sample.createdAt)],
                      ['Id', sample.id],
                    ]}
                  />
                </section>
                <section className="card card-body">
                  <div className="section-title">Usage and cost</div>
                  <KeyValues
                    items={[
                      ['Input tokens', usage ? formatCount(usage.inputTokens) : '—'],
                      ['Output tokens', usage ? formatCount(usage.outputTokens) : '—'],
                      [
                        'Reasoning tokens',
                        usage?.reasoningTokens !== undefined ? formatCount(usage.reasoningTokens) : '—',
                      ],
                      ['Cost', formatUsd(sample.costUsd ?? null)],
                      ['Latency', formatMs(sample.latencyMs)],
                      ['Finish reason', sample.finishReason ?? '—'],
                    ]}
                  />
                </section>
              </div>
              <section>
                <div className="section-title">Full trace</div>
                <TraceView trace={fullTrace(sample)} />
              </section>
            </>
          ) : error ? null : (
            <div className="stack">
              <span className="skeleton" style={{ width: '60%' }} />
              <span className="skeleton" style={{ width: '90%' }} />
              <span className="skeleton" style={{ width: '75%' }} />
            </div>
          )}
        </div>
      </aside>
    </>
  );
}
