import { EmptyState } from '../components/empty-state';
import { Link } from '../router/link';

export function NotFoundPage() {
  return (
    <div className="page">
      <div className="card">
        <EmptyState title="Page not found">
          <Link to="/samples">Go to the samples</Link>
        </EmptyState>
      </div>
    </div>
  );
}
