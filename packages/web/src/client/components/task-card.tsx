import type { RunConfig, Task } from '../../shared/api-types';
import { Link } from '../router/link';
import { Icon } from './icon';
import { JsonBlock } from './json-block';

function parameters(rc: RunConfig): string {
  const entries = Object.entries(rc.parameters ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${String(v)}`).join(', ') : '—';
}

function playgroundLink(task: Task, rc?: RunConfig): string {
  const params = new URLSearchParams({ task: task.id });
  if (rc) params.set('runConfig', rc.name);
  return `/playground?${params}`;
}

/** One task: instruction, thinking instruction, schemas and run configs. */
export function TaskCard({ task }: { task: Task }) {
  return (
    <article className="card" data-testid="task-card">
      <div className="card-header">
        <div className="row">
          <h2 style={{ fontSize: 16 }}>{task.name}</h2>
          <span className="chip">{task.id}</span>
        </div>
        <div className="row">
          <Link className="btn btn-sm" to={`/samples?task=${encodeURIComponent(task.id)}`}>
            Samples
          </Link>
          <Link className="btn btn-sm btn-primary" to={playgroundLink(task)}>
            <Icon name="playground" size={13} /> Try in playground
          </Link>
        </div>
      </div>
      <div className="card-body stack">
        <div className="grid-2">
          <section>
            <div className="section-title">Instruction</div>
            <div className="prose">{task.instruction}</div>
          </section>
          <section>
            <div className="section-title">Thinking instruction</div>
            {task.thinkingInstruction ? (
              <div className="msg-reasoning" style={{ margin: 0, fontSize: 12.5 }}>
                {task.thinkingInstruction}
              </div>
            ) : (
              <p className="muted small" style={{ margin: 0 }}>
                None: the chain-of-thought flow uses the default.
              </p>
            )}
          </section>
        </div>
        <div className="grid-2">
          <section>
            <div className="section-title">Input schema</div>
            <JsonBlock value={task.inputSchema} empty="Free text." />
          </section>
          <section>
            <div className="section-title">Output schema</div>
            <JsonBlock value={task.outputSchema} empty="Free text." />
          </section>
        </div>
        <section>
          <div className="section-title">Run configs</div>
          {task.runConfigs.length === 0 ? (
            <p className="muted small">None declared. Add one under runConfigs in distill.config.ts.</p>
          ) : (
            <div className="card" style={{ overflow: 'hidden' }}>
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Provider</th>
                    <th>Model</th>
                    <th>Call flow</th>
                    <th>Parser</th>
                    <th>Parameters</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {task.runConfigs.map((rc) => (
                    <tr key={rc.name}>
                      <td style={{ fontWeight: 550 }}>{rc.name}</td>
                      <td>{rc.provider}</td>
                      <td>
                        <code>{rc.model}</code>
                      </td>
                      <td>
                        <span className="chip chip-accent">{rc.flow}</span>
                      </td>
                      <td>{rc.parser ?? '—'}</td>
                      <td className="muted">{parameters(rc)}</td>
                      <td className="num">
                        <Link to={playgroundLink(task, rc)}>Run</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </article>
  );
}
