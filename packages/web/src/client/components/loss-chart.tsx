import type { FineTuneEventView } from '../../shared/api-types';

const W = 640;
const H = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 26 };

/** Training loss by step, drawn from the fine-tune's events as they arrive. */
export function LossChart({ events, totalSteps }: { events: FineTuneEventView[]; totalSteps?: number }) {
  const points = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.loss !== undefined) points.set(e.step ?? i, e.loss);
  });
  const data = [...points].sort((a, b) => a[0] - b[0]);
  if (data.length === 0) {
    return (
      <div className="empty" style={{ padding: 32 }} data-testid="loss-chart-empty">
        The loss curve appears once training reports its first steps.
      </div>
    );
  }
  const maxStep = Math.max(totalSteps ?? 0, ...data.map(([s]) => s), 1);
  const losses = data.map(([, l]) => l);
  const hi = Math.max(...losses);
  const lo = Math.min(0, ...losses);
  const x = (step: number) => PAD.left + (step / maxStep) * (W - PAD.left - PAD.right);
  const y = (loss: number) => PAD.top + (1 - (loss - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const path = data.map(([s, l], i) => `${i ? 'L' : 'M'}${x(s).toFixed(1)},${y(l).toFixed(1)}`).join(' ');
  const area = `${path} L${x(data.at(-1)![0]).toFixed(1)},${y(lo)} L${x(data[0]![0]).toFixed(1)},${y(lo)} Z`;
  const ticks = [lo, (lo + hi) / 2, hi];
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Training loss by step"
      data-testid="loss-chart"
    >
      <title>Training loss by step</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#eaecf0" />
          <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#667085">
            {t.toFixed(2)}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={H - 6} fontSize="11" fill="#667085">
        step 0
      </text>
      <text x={W - PAD.right} y={H - 6} fontSize="11" fill="#667085" textAnchor="end">
        {maxStep}
      </text>
      <path d={area} fill="rgba(79, 70, 229, 0.08)" />
      <path d={path} fill="none" stroke="#4f46e5" strokeWidth="2" strokeLinejoin="round" />
      {data.map(([s, l]) => (
        <circle key={s} cx={x(s)} cy={y(l)} r="2.5" fill="#4f46e5" data-testid="loss-point" />
      ))}
    </svg>
  );
}
