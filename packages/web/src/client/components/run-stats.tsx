import type { PlaygroundResult } from '../../shared/api-types';
import { formatCount, formatMs, formatUsd } from '../format';

/** One line under a run: model, flow, tokens, cost, latency, finish reason. */
export function RunStats({ result }: { result: PlaygroundResult }) {
  const u = result.usage;
  return (
    <div className="statline" data-testid="run-stats">
      <span>
        <b>{result.provider}</b> / {result.model}
      </span>
      <span>
        flow <b>{result.flow}</b>
        {result.parser ? ` · parser ${result.parser}` : ''}
      </span>
      <span>
        <b>{formatCount(u.inputTokens)}</b> in · <b>{formatCount(u.outputTokens)}</b> out
        {u.reasoningTokens !== undefined ? (
          <>
            {' '}
            (<b>{formatCount(u.reasoningTokens)}</b> reasoning)
          </>
        ) : null}
      </span>
      <span>
        cost <b>{formatUsd(result.costUsd)}</b>
      </span>
      <span>
        <b>{formatMs(result.latencyMs)}</b>
      </span>
      <span>
        finish <b>{result.finishReason}</b>
      </span>
    </div>
  );
}
