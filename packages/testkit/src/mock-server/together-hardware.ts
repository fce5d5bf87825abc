/** One entry of Together's `GET /v1/hardware`. */
export interface TogetherHardware {
  object: 'hardware';
  id: string;
  pricing: { cents_per_minute: number };
  specs: { gpu_type: string; gpu_link: string; gpu_memory: number; gpu_count: number };
  updated_at: string;
}

const UPDATED = '2026-01-15T00:00:00.000Z';

function hardware(
  count: number,
  type: string,
  memory: number,
  link: string,
  centsPerGpuMinute: number,
): TogetherHardware {
  return {
    object: 'hardware',
    id: `${count}x_nvidia_${type.replace(/-/g, '_')}_${link}`,
    pricing: { cents_per_minute: Math.round(count * centsPerGpuMinute * 100) / 100 },
    specs: { gpu_type: type, gpu_link: link, gpu_memory: memory, gpu_count: count },
    updated_at: UPDATED,
  };
}

/** The hardware configurations the mock offers for dedicated endpoints. */
export const TOGETHER_HARDWARE: readonly TogetherHardware[] = [
  hardware(1, 'l40-48gb', 48, 'pcie', 4.15),
  hardware(1, 'a100-80gb', 80, 'sxm', 5.6),
  hardware(2, 'a100-80gb', 80, 'sxm', 5.6),
  hardware(1, 'h100-80gb', 80, 'sxm', 6.65),
  hardware(2, 'h100-80gb', 80, 'sxm', 6.65),
  hardware(4, 'h100-80gb', 80, 'sxm', 6.65),
  hardware(8, 'h100-80gb', 80, 'sxm', 6.65),
];

/** GPU memory (GB) a model of `params` parameters needs to serve in 16-bit weights, with headroom. */
export function memoryNeededGb(params: number): number {
  return (params / 1e9) * 2 * 1.2;
}

/** Parameter count from a model name such as `Qwen/Qwen3-8B` or `Qwen3-30B-A3B` (the first `<n>B`). */
export function parameterCount(model: string): number {
  const match = /(\d+(?:\.\d+)?)B(?![a-z])/i.exec(model.split('/').at(-1) ?? model);
  return Math.round(Number(match?.[1] ?? 1) * 1e9);
}

/** Hardware able to host a model of that size. */
export function hardwareFor(model: string): TogetherHardware[] {
  const need = memoryNeededGb(parameterCount(model));
  return TOGETHER_HARDWARE.filter((h) => h.specs.gpu_count * h.specs.gpu_memory >= need);
}
