import { EmptyState } from './empty-state';

/** Says plainly that this build's runtime lacks a pipeline step, instead of showing made-up data. */
export function FeatureUnavailable({ what, command }: { what: string; command: string }) {
  return (
    <div className="card">
      <EmptyState title={`${what} is not available in this build yet`}>
        The runtime this server uses does not offer it yet. When it does, this page drives the same function
        as <code>{command}</code>.
      </EmptyState>
    </div>
  );
}
