import { FeatureUnavailable } from '../components/feature-unavailable';
import { PageHeader } from '../components/page-header';

/** Fine-tunes: create, watch, cancel, deploy, and try the result. */
export function FineTunesPage(_props: { selectedId: string | undefined }) {
  return (
    <div className="page">
      <PageHeader title="Fine-tunes" description="Train a student on a dataset and watch it learn." />
      <FeatureUnavailable what="Fine-tuning" command="distill train" />
    </div>
  );
}
