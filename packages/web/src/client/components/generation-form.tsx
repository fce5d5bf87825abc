import { useState } from 'react';
import type { StartGenerationRequest } from '../../shared/api-types';
import { SegmentedControl } from '../components/segmented-control';
import { useProject } from '../hooks/project-context';

type SourceKind = 'inputs' | 'topics' | 'file';

export interface GenerationFormProps {
  busy: boolean;
  onStart: (request: StartGenerationRequest) => void;
}

const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** Start a generation: task, run config, where inputs come from, count, concurrency, limits, budget. */
export function GenerationForm({ busy, onStart }: GenerationFormProps) {
  const project = useProject();
  const [taskId, setTaskId] = useState(project.tasks[0]?.id ?? '');
  const task = project.tasks.find((t) => t.id === taskId);
  const [runConfig, setRunConfig] = useState(task?.runConfigs[0]?.name ?? '');
  const [kind, setKind] = useState<SourceKind>('inputs');
  const [inputs, setInputs] = useState('');
  const [file, setFile] = useState('');
  const [topics, setTopics] = useState('5');
  const [perTopic, setPerTopic] = useState('10');
  const [subtopics, setSubtopics] = useState('0');
  const [guidance, setGuidance] = useState('');
  const [count, setCount] = useState('');
  const [concurrency, setConcurrency] = useState('8');
  const [rpm, setRpm] = useState('');
  const [maxCost, setMaxCost] = useState('');

  const source = (): StartGenerationRequest['source'] =>
    kind === 'inputs'
      ? {
          type: 'inputs',
          inputs: inputs
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : kind === 'file'
        ? { type: 'file', file }
        : {
            type: 'topics',
            topics: Number(topics),
            perTopic: Number(perTopic),
            subtopics: Number(subtopics),
            ...(guidance ? { guidance } : {}),
          };
  const lines = inputs.split('\n').filter((s) => s.trim()).length;
  const ready =
    taskId && (kind === 'inputs' ? lines > 0 : kind === 'file' ? file.trim() !== '' : Number(topics) > 0);

  return (
    <form
      className="card"
      aria-label="New generation"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || busy) return;
        const c = num(count);
        const conc = num(concurrency);
        const r = num(rpm);
        const m = num(maxCost);
        onStart({
          taskId,
          ...(runConfig ? { runConfig } : {}),
          source: source(),
          ...(c !== undefined ? { count: c } : {}),
          ...(conc !== undefined ? { concurrency: conc } : {}),
          ...(r !== undefined ? { requestsPerMinute: r } : {}),
          ...(m !== undefined ? { maxCostUsd: m } : {}),
        });
      }}
    >
      <div className="card-header">
        <h2>New generation</h2>
        <button type="submit" className="btn btn-primary" disabled={!ready || busy}>
          Start generating
        </button>
      </div>
      <div className="card-body form">
        <div className="form-row wide-second">
          <div className="field">
            <label className="label" htmlFor="gen-task">
              Task
            </label>
            <select
              id="gen-task"
              className="select"
              value={taskId}
              onChange={(e) => {
                setTaskId(e.target.value);
                setRunConfig(project.tasks.find((t) => t.id === e.target.value)?.runConfigs[0]?.name ?? '');
              }}
            >
              {project.tasks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="label" htmlFor="gen-rc">
              Teacher (run config)
            </label>
            <select
              id="gen-rc"
              className="select"
              value={runConfig}
              onChange={(e) => setRunConfig(e.target.value)}
            >
              {task?.runConfigs.map((rc) => (
                <option key={rc.name} value={rc.name}>
                  {rc.name} · {rc.provider}/{rc.model} · {rc.flow}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <span className="label">Inputs</span>
          <SegmentedControl
            label="Inputs"
            style={{ alignSelf: 'flex-start' }}
            options={[
              { value: 'inputs', label: 'Type them' },
              { value: 'topics', label: 'Topic tree' },
              { value: 'file', label: 'From a file' },
            ]}
            value={kind}
            onChange={setKind}
          />
        </div>
        {kind === 'inputs' ? (
          <div className="field">
            <textarea
              className="textarea"
              aria-label="Inputs, one per line"
              rows={5}
              placeholder="One input per line"
              value={inputs}
              onChange={(e) => setInputs(e.target.value)}
            />
            <span className="muted small" style={{ marginTop: 4 }}>
              {lines} input{lines === 1 ? '' : 's'}
            </span>
          </div>
        ) : kind === 'file' ? (
          <div className="field">
            <input
              className="input"
              aria-label="Input file"
              placeholder="inputs.jsonl (relative to the project folder)"
              value={file}
              onChange={(e) => setFile(e.target.value)}
            />
          </div>
        ) : (
          <>
            <div className="form-row" style={{ gridTemplateColumns: '1fr 1fr 1fr' }}>
              <div className="field">
                <label className="label" htmlFor="gen-topics">
                  Topics
                </label>
                <input
                  id="gen-topics"
                  className="input"
                  inputMode="numeric"
                  value={topics}
                  onChange={(e) => setTopics(e.target.value)}
                />
              </div>
              <div className="field">
                <label className="label" htmlFor="gen-sub">
                  Subtopics each
                </label>
                <input
                  id="gen-sub"
                  className="input"
                  inputMode="numeric"
                  value={subtopics}
                  onChange={(e) => setSubtopics(e.target.value)}
                />
              </div>
              <div className="field">
                <label className="label" htmlFor="gen-per">
                  Inputs per topic
                </label>
                <input
                  id="gen-per"
                  className="input"
                  inputMode="numeric"
                  value={perTopic}
                  onChange={(e) => setPerTopic(e.target.value)}
                />
              </div>
            </div>
            <div className="field">
              <label className="label" htmlFor="gen-guidance">
                Guidance for the topic writer
              </label>
              <input
                id="gen-guidance"
                className="input"
                value={guidance}
                onChange={(e) => setGuidance(e.target.value)}
              />
            </div>
          </>
        )}
        <div className="form-row" style={{ gridTemplateColumns: 'repeat(4, 1fr)' }}>
          <div className="field">
            <label className="label" htmlFor="gen-count">
              Samples (all if empty)
            </label>
            <input
              id="gen-count"
              className="input"
              inputMode="numeric"
              value={count}
              onChange={(e) => setCount(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="gen-conc">
              Concurrency
            </label>
            <input
              id="gen-conc"
              className="input"
              inputMode="numeric"
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="gen-rpm">
              Requests / min
            </label>
            <input
              id="gen-rpm"
              className="input"
              inputMode="numeric"
              placeholder="no limit"
              value={rpm}
              onChange={(e) => setRpm(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="gen-cost">
              Budget (USD)
            </label>
            <input
              id="gen-cost"
              className="input"
              inputMode="decimal"
              placeholder="no limit"
              value={maxCost}
              onChange={(e) => setMaxCost(e.target.value)}
            />
          </div>
        </div>
      </div>
    </form>
  );
}
