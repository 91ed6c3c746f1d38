import React from 'react';
import { seriesColor } from '../chart/palette';

export default function Legend({ names }: { names: string[] }) {
  if (names.length < 2) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {names.map((name, i) => (
        <li key={name}>
          <span className="swatch" style={{ background: seriesColor(i) }} />
          {name}
        </li>
      ))}
    </ul>
  );
}
