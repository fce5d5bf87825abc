import { useProject } from '../hooks/project-context';
import { APP_ROUTES } from '../router/app-routes';
import { Link } from '../router/link';
import { Icon } from './icon';

/** The left navigation: brand, the pages, and the project's config file. */
export function NavSidebar({ pathname }: { pathname: string }) {
  const project = useProject();
  let section = '';
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="drop" size={16} filled />
        </span>
        Distillery
      </div>
      {APP_ROUTES.map((route) => {
        const item = {
          to: `/${route.segment}`,
          label: route.label,
          icon: route.icon,
          section: route.section,
        };
        const header = item.section !== section ? <div className="nav-section">{item.section}</div> : null;
        section = item.section;
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
        return (
          <div key={item.to}>
            {header}
            <Link
              to={item.to}
              className={`nav-link${active ? ' active' : ''}`}
              aria-current={active ? 'page' : undefined}
            >
              <Icon name={item.icon} />
              {item.label}
              {item.to === '/tasks' ? <span className="nav-count">{project.tasks.length}</span> : null}
            </Link>
          </div>
        );
      })}
      <div className="nav-footer" title={project.configFile ?? project.dir}>
        <div style={{ fontWeight: 600, color: 'var(--text-2)' }}>
          {project.dir.split('/').filter(Boolean).at(-1)}
        </div>
        {project.configFile ? project.configFile.split('/').at(-1) : 'no distill.config.ts'}
      </div>
    </nav>
  );
}
