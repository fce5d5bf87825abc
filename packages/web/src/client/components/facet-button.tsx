import { formatCount } from '../format';

export interface FacetButtonProps {
  label: string;
  count?: number;
  on: boolean;
  onClick: () => void;
  testId?: string;
}

/** One choice in the filter sidebar, with its count. */
export function FacetButton({ label, count, on, onClick, testId }: FacetButtonProps) {
  return (
    <button
      type="button"
      className={`facet${on ? ' on' : ''}`}
      onClick={onClick}
      aria-pressed={on}
      data-testid={testId}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{label}</span>
      {count !== undefined ? <span className="count">{formatCount(count)}</span> : null}
    </button>
  );
}
