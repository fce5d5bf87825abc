import { useState } from 'react';
import type { FineTuneView, HardwareView } from '../../shared/api-types';
import { apiJson } from '../api/api-client';
import { useApi } from '../hooks/use-api';
import { ErrorBanner } from './error-banner';

/** Deploy a completed fine-tune to a dedicated endpoint: hardware and replicas. */
export function DeployPanel({
  fineTune,
  onDeployed,
}: {
  fineTune: FineTuneView;
  onDeployed: (f: FineTuneView) => void;
}) {
  const hardware = useApi<HardwareView[]>(`/api/fine-tunes/${encodeURIComponent(fineTune.id)}/hardware`);
  const [choice, setChoice] = useState('');
  const [min, setMin] = useState('1');
  const [max, setMax] = useState('1');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const options = hardware.data ?? [];
  const selected = choice || options[0]?.id || '';
  if (hardware.data && options.length === 0) {
    return (
      <p className="muted small">
        This backend does not host models: call the result directly from the playground.
      </p>
    );
  }
  return (
    <div className="stack" style={{ gap: 10 }}>
      <div className="form-row" style={{ gridTemplateColumns: '2fr 1fr 1fr auto', alignItems: 'end' }}>
        <div className="field">
          <label className="label" htmlFor="dp-hw">
            Hardware
          </label>
          <select id="dp-hw" className="select" value={selected} onChange={(e) => setChoice(e.target.value)}>
            {options.map((h) => (
              <option key={h.id} value={h.id} disabled={h.available === false}>
                {h.id}
                {h.centsPerMinute !== undefined ? ` · $${((h.centsPerMinute * 60) / 100).toFixed(2)}/h` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="label" htmlFor="dp-min">
            Min replicas
          </label>
          <input
            id="dp-min"
            className="input"
            inputMode="numeric"
            value={min}
            onChange={(e) => setMin(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="label" htmlFor="dp-max">
            Max replicas
          </label>
          <input
            id="dp-max"
            className="input"
            inputMode="numeric"
            value={max}
            onChange={(e) => setMax(e.target.value)}
          />
        </div>
        <button
          type="button"
          className="btn"
          disabled={!selected || busy}
          onClick={async () => {
            setBusy(true);
            setError(undefined);
            try {
              onDeployed(
                await apiJson<FineTuneView>(
                  'POST',
                  `/api/fine-tunes/${encodeURIComponent(fineTune.id)}/deploy`,
                  {
                    hardware: selected,
                    minReplicas: Number(min),
                    maxReplicas: Number(max),
                  },
                ),
              );
            } catch (e) {
              setError(e as Error);
            } finally {
              setBusy(false);
            }
          }}
        >
          Deploy
        </button>
      </div>
      <ErrorBanner error={error ?? hardware.error} />
    </div>
  );
}
