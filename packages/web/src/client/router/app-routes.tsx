import type { ReactNode } from 'react';
import type { IconName } from '../components/icon';
import { DatasetsPage } from '../pages/datasets-page';
import { EvalsPage } from '../pages/evals-page';
import { FineTunesPage } from '../pages/fine-tunes-page';
import { GeneratePage } from '../pages/generate-page';
import { PlaygroundPage } from '../pages/playground-page';
import { SamplesPage } from '../pages/samples-page';
import { TasksPage } from '../pages/tasks-page';

/** One page of the app: where it lives, how the navigation shows it, and what it renders. */
export interface AppRoute {
  /** The first path segment (`/samples/…`). */
  segment: string;
  /** The navigation label, also the start of the document title. */
  label: string;
  icon: IconName;
  section: 'Project' | 'Pipeline';
  /** The page; `id` is the decoded second path segment, when there is one. */
  render(id: string | undefined): ReactNode;
}

/** Every page, in navigation order. A new page is one entry here. */
export const APP_ROUTES: readonly AppRoute[] = [
  { segment: 'tasks', label: 'Tasks', icon: 'tasks', section: 'Project', render: () => <TasksPage /> },
  {
    segment: 'samples',
    label: 'Samples',
    icon: 'samples',
    section: 'Project',
    render: (id) => <SamplesPage selectedId={id} />,
  },
  {
    segment: 'playground',
    label: 'Playground',
    icon: 'playground',
    section: 'Project',
    render: () => <PlaygroundPage />,
  },
  {
    segment: 'generate',
    label: 'Generate',
    icon: 'generate',
    section: 'Pipeline',
    render: () => <GeneratePage />,
  },
  {
    segment: 'datasets',
    label: 'Datasets',
    icon: 'datasets',
    section: 'Pipeline',
    render: (id) => <DatasetsPage selectedId={id} />,
  },
  {
    segment: 'fine-tunes',
    label: 'Fine-tunes',
    icon: 'finetunes',
    section: 'Pipeline',
    render: (id) => <FineTunesPage selectedId={id} />,
  },
  {
    segment: 'evals',
    label: 'Evals',
    icon: 'evals',
    section: 'Pipeline',
    render: (id) => <EvalsPage selectedId={id} />,
  },
];

/** The page's route for a path (`/` is the samples), or undefined when no page lives there. */
export function matchRoute(pathname: string): { route: AppRoute; id: string | undefined } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  const route = APP_ROUTES.find((r) => r.segment === (parts[0] ?? 'samples'));
  return route ? { route, id: parts[1] ? decodeURIComponent(parts[1]) : undefined } : undefined;
}
