import { useProject } from '../hooks/project-context';
import { Link } from '../router/link';
import { Icon, type IconName } from './icon';

const ITEMS: { to: string; label: string; icon: IconName; section: string }[] = [
  { to: '/tasks', label: 'Tasks', icon: 'tasks', section: 'Project' },
  { to: '/samples', label: 'Samples', icon: 'samples', section: 'Project' },
  { to: '/playground', label: 'Playground', icon: 'playground', section: 'Project' },
  { to: '/generate', label: 'Generate', icon: 'generate', section: 'Pipeline' },
  { to: '/datasets', label: 'Datasets', icon: 'datasets', section: 'Pipeline' },
  { to: '/fine-tunes', label: 'Fine-tunes', icon: 'finetunes', section: 'Pipeline' },
];

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
      {ITEMS.map((item) => {
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
