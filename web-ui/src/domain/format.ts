// How numbers and times read on the dashboard.

export function formatMetric(value: number | undefined, digits = 4): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function formatPercent(value: number | undefined, digits = 1): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(digits)} %` : '–';
}

/** A signed percentage that is already in percent units, e.g. RelaImpr: "+10.2 %". */
export function formatSignedPercent(value: number | undefined, digits = 2): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)} %`;
}

export function formatCount(value: number | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US') : '–';
}

/** A timestamp as "2026-11-28 14:05" in the reader's time zone: short enough for a table cell. */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

export function shortHash(sha256: string | undefined): string {
  return sha256 ? sha256.slice(0, 12) : '–';
}
