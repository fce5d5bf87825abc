import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { TaskCard } from '../components/task-card';
import { useProject } from '../hooks/project-context';

/** Tasks: what each student must learn, as the config declares it. */
export function TasksPage() {
  const project = useProject();
  return (
    <div className="page">
      <PageHeader
        title="Tasks"
        description={
          <>
            Declared in <code>{project.configFile ?? 'distill.config.ts'}</code>: the instruction, the
            separate thinking instruction, the schemas and the run configs that produce samples.
          </>
        }
      />
      {project.tasks.length === 0 ? (
        <div className="card">
          <EmptyState title="No tasks yet">
            Declare one under <code>tasks</code> in distill.config.ts, or start from{' '}
            <code>distill init --example gsm8k</code>.
          </EmptyState>
        </div>
      ) : (
        <div className="stack">
          {project.tasks.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </div>
      )}
    </div>
  );
}
