import type { FineTuneMethod } from '@distillery/core';
import { useState } from 'react';
import type { DatasetSummaryView, FineTuneRequest } from '../../shared/api-types';
import { SegmentedControl } from '../components/segmented-control';
import { useProject } from '../hooks/project-context';

export interface FineTuneFormProps {
  datasets: DatasetSummaryView[];
  initialDataset: string | null;
  busy: boolean;
  onPlan: (request: FineTuneRequest) => void;
}

const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** Create a fine-tune: dataset, backend, base model, strategy, LoRA or full, hyperparameters. */
export function FineTuneForm({ datasets, initialDataset, busy, onPlan }: FineTuneFormProps) {
  const project = useProject();
  const [dataset, setDataset] = useState(initialDataset ?? datasets[0]?.id ?? '');
  const [backend, setBackend] = useState(project.backends[0]?.id ?? '');
  const [baseModel, setBaseModel] = useState('');
  const [strategy, setStrategy] = useState<'reasoning' | 'final-only'>('reasoning');
  const [chosenMethod, setMethod] = useState<FineTuneMethod>('lora');
  const offered = project.backends.find((b) => b.id === backend);
  const methods = offered?.methods ?? [];
  // Only what this backend offers: no method when the provider decides, LoRA fields only with LoRA.
  const method: FineTuneMethod | undefined = methods.includes(chosenMethod) ? chosenMethod : methods[0];
  const chooseBackend = (id: string) => {
    setBackend(id);
    const next = project.backends.find((b) => b.id === id);
    // A model typed for another backend does not carry over.
    if (!next?.baseModels.includes(baseModel.trim())) setBaseModel('');
  };
  const [epochs, setEpochs] = useState('');
  const [learningRate, setLearningRate] = useState('');
  const [batchSize, setBatchSize] = useState('');
  const [loraR, setLoraR] = useState('');
  const [loraAlpha, setLoraAlpha] = useState('');
  const [suffix, setSuffix] = useState('');

  const hyperparameters: Record<string, number> = {};
  const put = (key: string, text: string) => {
    const value = num(text);
    if (value !== undefined) hyperparameters[key] = value;
  };
  put('nEpochs', epochs);
  put('learningRate', learningRate);
  put('batchSize', batchSize);
  if (method === 'lora') {
    put('loraR', loraR);
    put('loraAlpha', loraAlpha);
  }
  const ready = dataset && backend && baseModel.trim();

  return (
    <form
      className="card"
      aria-label="New fine-tune"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || busy) return;
        onPlan({
          dataset,
          backend,
          baseModel: baseModel.trim(),
          strategy,
          ...(method ? { method } : {}),
          ...(Object.keys(hyperparameters).length ? { hyperparameters } : {}),
          ...(suffix.trim() ? { suffix: suffix.trim() } : {}),
        });
      }}
    >
      <div className="card-header">
        <h2>New fine-tune</h2>
        <button type="submit" className="btn" disabled={!ready || busy}>
          {busy ? 'Planning…' : 'Plan (dry run)'}
        </button>
      </div>
      <div className="card-body form">
        <div className="form-row" style={{ gridTemplateColumns: '1fr 1fr 1.4fr' }}>
          <div className="field">
            <label className="label" htmlFor="ft-dataset">
              Dataset
            </label>
            <select
              id="ft-dataset"
              className="select"
              value={dataset}
              onChange={(e) => setDataset(e.target.value)}
            >
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="label" htmlFor="ft-backend">
              Backend
            </label>
            <select
              id="ft-backend"
              className="select"
              value={backend}
              onChange={(e) => chooseBackend(e.target.value)}
            >
              {project.backends.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.id}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="label" htmlFor="ft-model">
              Base model
            </label>
            <input
              id="ft-model"
              className="input"
              list="ft-models"
              placeholder={offered?.baseModels[0] ?? 'the model to fine-tune'}
              value={baseModel}
              onChange={(e) => setBaseModel(e.target.value)}
            />
            <datalist id="ft-models" data-testid="base-models">
              {offered?.baseModels.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </div>
        </div>
        <div className="row" style={{ gap: 24 }}>
          <div className="field">
            <span className="label">Strategy</span>
            <SegmentedControl
              label="Strategy"
              options={[
                { value: 'reasoning', label: 'Reasoning' },
                { value: 'final-only', label: 'Final answer only' },
              ]}
              value={strategy}
              onChange={setStrategy}
            />
          </div>
          {methods.length > 1 ? (
            <div className="field">
              <span className="label">Method</span>
              <SegmentedControl
                label="Method"
                options={methods.map((m) => ({ value: m, label: m === 'lora' ? 'LoRA' : 'Full' }))}
                value={method ?? chosenMethod}
                onChange={setMethod}
              />
            </div>
          ) : null}
        </div>
        <div className="form-row" style={{ gridTemplateColumns: 'repeat(6, 1fr)' }}>
          <div className="field">
            <label className="label" htmlFor="ft-epochs">
              Epochs
            </label>
            <input
              id="ft-epochs"
              className="input"
              inputMode="numeric"
              placeholder="default"
              value={epochs}
              onChange={(e) => setEpochs(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="ft-lr">
              Learning rate
            </label>
            <input
              id="ft-lr"
              className="input"
              inputMode="decimal"
              placeholder="default"
              value={learningRate}
              onChange={(e) => setLearningRate(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="ft-batch">
              Batch size
            </label>
            <input
              id="ft-batch"
              className="input"
              inputMode="numeric"
              placeholder="default"
              value={batchSize}
              onChange={(e) => setBatchSize(e.target.value)}
            />
          </div>
          {method === 'lora' ? (
            <>
              <div className="field">
                <label className="label" htmlFor="ft-r">
                  LoRA r
                </label>
                <input
                  id="ft-r"
                  className="input"
                  inputMode="numeric"
                  placeholder="default"
                  value={loraR}
                  onChange={(e) => setLoraR(e.target.value)}
                />
              </div>
              <div className="field">
                <label className="label" htmlFor="ft-alpha">
                  LoRA alpha
                </label>
                <input
                  id="ft-alpha"
                  className="input"
                  inputMode="numeric"
                  placeholder="default"
                  value={loraAlpha}
                  onChange={(e) => setLoraAlpha(e.target.value)}
                />
              </div>
            </>
          ) : null}
          <div className="field">
            <label className="label" htmlFor="ft-suffix">
              Suffix
            </label>
            <input
              id="ft-suffix"
              className="input"
              placeholder="optional"
              value={suffix}
              onChange={(e) => setSuffix(e.target.value)}
            />
          </div>
        </div>
      </div>
    </form>
  );
}
