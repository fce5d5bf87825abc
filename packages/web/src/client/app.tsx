import { useEffect } from 'react';
import { NavSidebar } from './components/nav-sidebar';
import { ProjectProvider } from './hooks/project-context';
import { NotFoundPage } from './pages/not-found-page';
import { matchRoute } from './router/app-routes';
import { useLocation } from './router/use-location';

/** The shell: left navigation and the page for the current path, whose label titles the document. */
export function App() {
  const { pathname } = useLocation();
  const path = pathname === '/' ? '/samples' : pathname;
  const match = matchRoute(path);
  const title = match ? match.route.label : 'Page not found';
  useEffect(() => {
    document.title = `${title} · Distillery`;
  }, [title]);
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
        <main className="main">{match ? match.route.render(match.id) : <NotFoundPage />}</main>
      </div>
    </ProjectProvider>
  );
}
