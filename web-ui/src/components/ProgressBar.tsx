interface ProgressBarProps {
  /** 0..1, or undefined while unknown. */
  fraction: number | undefined;
  label: string;
}

export function ProgressBar({ fraction, label }: ProgressBarProps) {
  const percent = fraction === undefined ? undefined : Math.round(Math.min(Math.max(fraction, 0), 1) * 100);
  return (
    <div className="progress" data-testid="run-progress">
      <progress max={100} value={percent} aria-label={label} />
      <span className="progress-text">{percent === undefined ? 'waiting' : `${percent} %`}</span>
    </div>
  );
}
