import { Icon } from './icon';

export interface StarRatingProps {
  value: number | null;
  onChange?: (value: number | null) => void;
  size?: number;
}

/** One to five stars; clicking the current rating clears it. Read-only without onChange. */
export function StarRating({ value, onChange, size = 16 }: StarRatingProps) {
  const on = (n: number) => value !== null && n <= value;
  if (!onChange) {
    return (
      <span
        className="stars readonly"
        role="img"
        aria-label={value === null ? 'Not rated' : `Rated ${value} of 5`}
      >
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={on(n) ? 'star still on' : 'star still'}>
            <Icon name="star" size={size} filled={on(n)} />
          </span>
        ))}
      </span>
    );
  }
  return (
    <span className="stars">
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={on(n) ? 'star on' : 'star'}
          aria-label={`${n} star${n > 1 ? 's' : ''}`}
          aria-pressed={value === n}
          title={value === n ? 'Clear the rating' : `Rate ${n} of 5`}
          onClick={(event) => {
            event.stopPropagation();
            onChange(value === n ? null : n);
          }}
        >
          <Icon name="star" size={size} filled={on(n)} />
        </button>
      ))}
    </span>
  );
}
