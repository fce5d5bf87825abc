import { NavSidebar } from './components/nav-sidebar';
import { ProjectProvider } from './hooks/project-context';
import { DatasetsPage } from './pages/datasets-page';
import { FineTunesPage } from './pages/fine-tunes-page';
import { GeneratePage } from './pages/generate-page';
import { NotFoundPage } from './pages/not-found-page';
import { PlaygroundPage } from './pages/playground-page';
import { SamplesPage } from './pages/samples-page';
import { TasksPage } from './pages/tasks-page';
import { useLocation } from './router/use-location';

function Page({ pathname }: { pathname: string }) {
  const parts = pathname.split('/').filter(Boolean);
  switch (parts[0] ?? 'samples') {
    case 'tasks':
      return <TasksPage />;
    case 'samples':
      return <SamplesPage selectedId={parts[1] ? decodeURIComponent(parts[1]) : undefined} />;
    case 'playground':
      return <PlaygroundPage />;
    case 'generate':
      return <GeneratePage />;
    case 'datasets':
      return <DatasetsPage selectedId={parts[1] ? decodeURIComponent(parts[1]) : undefined} />;
    case 'fine-tunes':
      return <FineTunesPage selectedId={parts[1] ? decodeURIComponent(parts[1]) : undefined} />;
    default:
      return <NotFoundPage />;
  }
}

/** The shell: left navigation and the page for the current path. */
export function App() {
  const { pathname } = useLocation();
  const path = pathname === '/' ? '/samples' : pathname;
  return (
    <ProjectProvider
      fallback={(error) => (
        <div className="empty" style={{ height: '100%' }}>
          {error ? (
            <>
              <h3>Cannot load the project</h3>
              <div>{error}</div>
            </>
          ) : (
            <div className="muted">Loading the project…</div>
          )}
        </div>
      )}
    >
      <div className="app">
        <NavSidebar pathname={path} />
        <main className="main">
          <Page pathname={path} />
        </main>
      </div>
    </ProjectProvider>
  );
}
