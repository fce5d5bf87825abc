import { useMemo, useState } from 'react';
import type {
  FineTuneView,
  ModelParameters,
  PlaygroundRequest,
  ProjectSummary,
  RunConfig,
  Task,
} from '../../shared/api-types';
import { AnswerPanel } from '../components/answer-panel';
import { ErrorBanner } from '../components/error-banner';
import { FineTuneCallCard } from '../components/fine-tune-call-card';
import { Icon } from '../components/icon';
import { PageHeader } from '../components/page-header';
import { ReasoningPanel } from '../components/reasoning-panel';
import { RunStats } from '../components/run-stats';
import { idOptions, SelectField } from '../components/select-field';
import { TraceView } from '../components/trace-view';
import { useProject } from '../hooks/project-context';
import { useApi } from '../hooks/use-api';
import { usePlaygroundRun } from '../hooks/use-playground-run';
import { useLocation } from '../router/use-location';

interface Form {
  taskId: string;
  runConfig: string;
  provider: string;
  model: string;
  flow: string;
  parser: string;
  system: string;
  thinkingInstruction: string;
  input: string;
  temperature: string;
  maxTokens: string;
  reasoningEffort: string;
  thinking: '' | 'on' | 'off';
  stream: boolean;
}

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

function fromRunConfig(form: Form, task: Task | undefined, rc: RunConfig | undefined): Form {
  const p = rc?.parameters ?? {};
  return {
    ...form,
    taskId: task?.id ?? '',
    runConfig: rc?.name ?? '',
    ...(rc ? { provider: rc.provider, model: rc.model, flow: rc.flow, parser: rc.parser ?? '' } : {}),
    system: rc?.prompt?.system ?? task?.instruction ?? form.system,
    thinkingInstruction: rc?.prompt?.thinkingInstruction ?? task?.thinkingInstruction ?? '',
    temperature: p.temperature !== undefined ? String(p.temperature) : '',
    maxTokens: p.maxTokens !== undefined ? String(p.maxTokens) : '',
    reasoningEffort: p.reasoningEffort ?? '',
    thinking: p.thinking === undefined ? '' : p.thinking ? 'on' : 'off',
  };
}

function initialForm(project: ProjectSummary, search: URLSearchParams): Form {
  const task = project.tasks.find((t) => t.id === search.get('task')) ?? project.tasks[0];
  const rc = task?.runConfigs.find((r) => r.name === search.get('runConfig')) ?? task?.runConfigs[0];
  const blank: Form = {
    taskId: '',
    runConfig: '',
    provider: project.providers[0]?.id ?? '',
    model: '',
    flow: '',
    parser: '',
    system: '',
    thinkingInstruction: '',
    input: '',
    temperature: '',
    maxTokens: '',
    reasoningEffort: '',
    thinking: '',
    stream: true,
  };
  const form = fromRunConfig(blank, task, rc);
  for (const key of [
    'provider',
    'model',
    'flow',
    'parser',
    'system',
    'thinkingInstruction',
    'input',
  ] as const) {
    const value = search.get(key);
    if (value !== null) {
      form[key] = value;
      if (key !== 'input') form.runConfig = '';
    }
  }
  return form;
}

function toRequest(form: Form): PlaygroundRequest {
  const parameters: ModelParameters = {
    ...(form.temperature ? { temperature: Number(form.temperature) } : {}),
    ...(form.maxTokens ? { maxTokens: Number(form.maxTokens) } : {}),
    ...(form.reasoningEffort
      ? { reasoningEffort: form.reasoningEffort as ModelParameters['reasoningEffort'] }
      : {}),
    ...(form.thinking ? { thinking: form.thinking === 'on' } : {}),
  };
  return {
    provider: form.provider,
    model: form.model,
    system: form.system,
    input: form.input,
    stream: form.stream,
    ...(form.flow ? { flow: form.flow } : {}),
    ...(form.parser ? { parser: form.parser } : {}),
    ...(form.thinkingInstruction ? { thinkingInstruction: form.thinkingInstruction } : {}),
    ...(form.taskId ? { taskId: form.taskId } : {}),
    ...(Object.keys(parameters).length ? { parameters } : {}),
  };
}

/** Playground: one input through any provider, model and call flow, with the reasoning streaming next to the answer. */
export function PlaygroundPage() {
  const project = useProject();
  const { search } = useLocation();
  const [form, setForm] = useState<Form>(() => initialForm(project, search));
  const { state, run, stop } = usePlaygroundRun();
  const fineTuneId = search.get('finetune');
  const fineTune = useApi<FineTuneView>(
    fineTuneId ? `/api/fine-tunes/${encodeURIComponent(fineTuneId)}` : null,
  );
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const task = project.tasks.find((t) => t.id === form.taskId);
  const provider = project.providers.find((p) => p.id === form.provider);
  const modelInfo = provider?.models.find((m) => m.id === form.model);
  const running = state.status === 'running';
  const canRun = Boolean(
    (fineTuneId ? fineTune.data?.resultModel : form.provider && form.model) && form.input.trim() && !running,
  );
  const go = () => {
    if (!canRun) return;
    if (fineTuneId) {
      void run({
        path: `/api/fine-tunes/${encodeURIComponent(fineTuneId)}/run`,
        body: { input: form.input },
      });
    } else void run(toRequest(form));
  };
  const phaseLabel = useMemo(
    () =>
      state.phase === 'reasoning'
        ? 'thinking turn'
        : state.phase === 'final'
          ? 'final answer turn'
          : state.phase,
    [state.phase],
  );

  return (
    <div className="page" style={{ maxWidth: 1440 }}>
      <PageHeader
        title="Playground"
        description="Run an input through any configured provider, model and call flow. Reasoning streams on the left, the answer on the right."
      />
      <div className="playground">
        {fineTuneId ? (
          fineTune.data ? (
            <FineTuneCallCard fineTune={fineTune.data} />
          ) : (
            <ErrorBanner error={fineTune.error} />
          )
        ) : (
          <form
            className="card card-body form"
            aria-label="Run settings"
            onSubmit={(e) => {
              e.preventDefault();
              go();
            }}
          >
            {project.tasks.length ? (
              <div className="field">
                <label className="label" htmlFor="pg-task">
                  Task
                </label>
                <select
                  id="pg-task"
                  className="select"
                  value={form.taskId}
                  onChange={(e) => {
                    const t = project.tasks.find((x) => x.id === e.target.value);
                    setForm((f) => fromRunConfig(f, t, t?.runConfigs[0]));
                  }}
                >
                  <option value="">No task (free prompt)</option>
                  {project.tasks.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {task?.runConfigs.length ? (
              <div className="field">
                <label className="label" htmlFor="pg-rc">
                  Run config
                </label>
                <select
                  id="pg-rc"
                  className="select"
                  value={form.runConfig}
                  onChange={(e) =>
                    setForm((f) =>
                      fromRunConfig(
                        f,
                        task,
                        task.runConfigs.find((r) => r.name === e.target.value),
                      ),
                    )
                  }
                >
                  <option value="">Custom</option>
                  {task.runConfigs.map((r) => (
                    <option key={r.name} value={r.name}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <SelectField
              id="pg-provider"
              label="Provider"
              value={form.provider}
              onChange={(provider) =>
                setForm((f) => {
                  const catalog = project.providers.find((p) => p.id === provider)?.models ?? [];
                  // A model of another provider does not carry over: take this one's first.
                  const model = catalog.some((m) => m.id === f.model) ? f.model : (catalog[0]?.id ?? '');
                  return { ...f, provider, model, runConfig: '' };
                })
              }
              options={idOptions(project.providers)}
            />
            <div className="field">
              <label className="label" htmlFor="pg-model">
                Model
              </label>
              <input
                id="pg-model"
                className="input"
                list="pg-models"
                placeholder="e.g. deepseek-ai/DeepSeek-R1"
                value={form.model}
                onChange={(e) => setForm((f) => ({ ...f, model: e.target.value, runConfig: '' }))}
              />
              <datalist id="pg-models">
                {provider?.models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.reasoning !== 'none' ? `reasons (${m.reasoning})` : ''}
                  </option>
                ))}
              </datalist>
              {modelInfo ? (
                <span className="muted small" style={{ marginTop: 4 }}>
                  Reasoning: {modelInfo.reasoning}
                  {modelInfo.pricing
                    ? ` · $${modelInfo.pricing.inputPerMillion}/$${modelInfo.pricing.outputPerMillion} per M tokens`
                    : ''}
                </span>
              ) : null}
            </div>
            <div className="form-row">
              <SelectField
                id="pg-flow"
                label="Call flow"
                value={form.flow}
                onChange={(flow) => set('flow', flow)}
                options={idOptions(project.flows)}
                empty="Automatic"
              />
              <SelectField
                id="pg-parser"
                label="Parser"
                value={form.parser}
                onChange={(parser) => set('parser', parser)}
                options={idOptions(project.parsers)}
                empty="Automatic"
              />
            </div>
            <div className="field">
              <label className="label" htmlFor="pg-system">
                System prompt
              </label>
              <textarea
                id="pg-system"
                className="textarea"
                rows={3}
                value={form.system}
                onChange={(e) => set('system', e.target.value)}
              />
            </div>
            <div className="field">
              <label className="label" htmlFor="pg-thinking">
                Thinking instruction
              </label>
              <textarea
                id="pg-thinking"
                className="textarea"
                rows={2}
                style={{ minHeight: 56 }}
                value={form.thinkingInstruction}
                onChange={(e) => set('thinkingInstruction', e.target.value)}
              />
            </div>
            <details>
              <summary>Parameters</summary>
              <div className="form" style={{ marginTop: 12 }}>
                <div className="form-row">
                  <div className="field">
                    <label className="label" htmlFor="pg-temp">
                      Temperature
                    </label>
                    <input
                      id="pg-temp"
                      className="input"
                      inputMode="decimal"
                      value={form.temperature}
                      onChange={(e) => set('temperature', e.target.value)}
                    />
                  </div>
                  <div className="field">
                    <label className="label" htmlFor="pg-max">
                      Max tokens
                    </label>
                    <input
                      id="pg-max"
                      className="input"
                      inputMode="numeric"
                      value={form.maxTokens}
                      onChange={(e) => set('maxTokens', e.target.value)}
                    />
                  </div>
                </div>
                <div className="form-row">
                  <SelectField
                    id="pg-effort"
                    label="Reasoning effort"
                    value={form.reasoningEffort}
                    onChange={(effort) => set('reasoningEffort', effort)}
                    options={EFFORTS.map((e) => ({ value: e, label: e }))}
                    empty="Default"
                  />
                  <SelectField
                    id="pg-think"
                    label="Thinking"
                    value={form.thinking}
                    onChange={(thinking) => set('thinking', thinking)}
                    options={[
                      { value: 'on', label: 'On' },
                      { value: 'off', label: 'Off' },
                    ]}
                    empty="Default"
                  />
                </div>
                <label className="toggle">
                  <input
                    type="checkbox"
                    checked={form.stream}
                    onChange={(e) => set('stream', e.target.checked)}
                  />{' '}
                  Stream
                </label>
              </div>
            </details>
          </form>
        )}
        <div className="stack">
          <div className="card card-body stack" style={{ gap: 10 }}>
            <label className="label" htmlFor="pg-input" style={{ marginBottom: 0 }}>
              Input
            </label>
            <textarea
              id="pg-input"
              className="textarea"
              rows={4}
              placeholder={task ? `An input for ${task.name}…` : 'Type an input…'}
              value={form.input}
              onChange={(e) => set('input', e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) go();
              }}
            />
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <span className="muted small">
                {running ? `Running${phaseLabel ? ` · ${phaseLabel}` : ''}…` : 'Ctrl + Enter to run'}
                {state.retries.length ? ` · stream retried ${state.retries.length}×` : ''}
              </span>
              <div className="row">
                {running ? (
                  <button type="button" className="btn" onClick={stop}>
                    <Icon name="stop" size={13} /> Stop
                  </button>
                ) : null}
                <button type="button" className="btn btn-primary" disabled={!canRun} onClick={go}>
                  <Icon name="playground" size={13} /> Run
                </button>
              </div>
            </div>
          </div>
          {state.error ? <ErrorBanner error={state.error} /> : null}
          {state.status === 'stopped' ? <div className="banner banner-info">Stopped.</div> : null}
          <div className="side-by-side">
            <ReasoningPanel
              tall
              text={state.reasoning || null}
              streaming={running && state.content === ''}
              truncated={state.result?.reasoningTruncated ?? false}
              emptyText={
                state.status === 'idle'
                  ? 'The model’s reasoning will stream here.'
                  : state.result?.reasoningExposure === 'hidden'
                    ? 'This model reasons internally but its API does not return the reasoning.'
                    : running
                      ? 'Waiting for the model…'
                      : 'No reasoning came back.'
              }
            />
            <AnswerPanel
              tall
              text={state.content || null}
              structured={state.result?.structured}
              streaming={running && state.content !== ''}
              emptyText={
                state.status === 'idle' ? 'The final answer will appear here.' : running ? '…' : 'No answer.'
              }
            />
          </div>
          {state.result ? (
            <>
              <RunStats result={state.result} />
              <details className="card card-body">
                <summary>Full trace ({state.result.trace.length} messages)</summary>
                <div style={{ marginTop: 14 }}>
                  <TraceView trace={state.result.trace} />
                </div>
              </details>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
