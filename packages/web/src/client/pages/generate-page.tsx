import { FeatureUnavailable } from '../components/feature-unavailable';
import { PageHeader } from '../components/page-header';

/** Generate: start a generation run, follow it, stop and resume it. */
export function GeneratePage() {
  return (
    <div className="page">
      <PageHeader
        title="Generate"
        description="Have a teacher answer many inputs, with reasoning, and follow the run live."
      />
      <FeatureUnavailable what="Generation" command="distill generate" />
    </div>
  );
}
