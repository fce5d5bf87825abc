/** A right/wrong mark: green, red, amber for partly right, grey when not scored. */
export function VerdictMark({
  verdict,
  label,
  title,
}: {
  verdict: 'right' | 'wrong' | 'partial' | 'unscored';
  label: string;
  title?: string;
}) {
  return (
    <span className={`verdict verdict-${verdict}`} title={title} data-verdict={verdict}>
      {label}
    </span>
  );
}

/** Why a sample is marked: which eval's reference and scorer. */
export function verdictTitle(v: {
  scorer: string;
  evalId: string;
  scoredBy: 'eval' | 'scorer';
  score: number;
}) {
  const how = v.scoredBy === 'eval' ? 'as scored in' : 'against the reference of';
  return `${v.scorer} ${(v.score * 100).toFixed(0)}%, ${how} ${v.evalId}`;
}
