// How a figure compares with the previous period: up / down by a percentage, the same, or new
// (nothing before: a percentage would be infinite).
export type Change = { kind: 'up' | 'down'; percent: number } | { kind: 'same' } | { kind: 'new' };

export function change(now: number, before: number): Change {
  if (now === before) return { kind: 'same' };
  if (before === 0) return { kind: 'new' };
  const percent = ((now - before) / Math.abs(before)) * 100;
  return { kind: percent > 0 ? 'up' : 'down', percent: Math.round(Math.abs(percent) * 10) / 10 };
}
