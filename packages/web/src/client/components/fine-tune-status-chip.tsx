const TONE: Record<string, string> = {
  completed: 'chip-ok',
  failed: 'chip-danger',
  cancelled: 'chip-warn',
  running: 'chip-accent',
  uploading: 'chip-accent',
};

/** A fine-tune's normalised status, coloured. */
export function FineTuneStatusChip({ status, raw }: { status: string; raw?: string | undefined }) {
  return (
    <span
      className={`chip ${TONE[status] ?? ''}`}
      title={raw ? `provider status: ${raw}` : undefined}
      data-testid="fine-tune-status"
    >
      {status}
    </span>
  );
}
