import { FeatureUnavailable } from '../components/feature-unavailable';
import { PageHeader } from '../components/page-header';

/** Datasets: frozen snapshots built from filters and split sizes. */
export function DatasetsPage(_props: { selectedId: string | undefined }) {
  return (
    <div className="page">
      <PageHeader
        title="Datasets"
        description="Freeze a filtered selection of samples into train, validation and test splits."
      />
      <FeatureUnavailable what="Dataset snapshots" command="distill dataset create" />
    </div>
  );
}
