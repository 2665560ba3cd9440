/** One bar of each series per row: the series' key, its label in the legend (plural, after the number) and its CSS class. */
export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  className: string;
}

export interface ChartRow<K extends string> {
  /** Unique per row (a territory's code): `data-territoire` on the row's group. */
  key: string;
  name: string;
  values: Record<K, number>;
}

/**
 * A horizontal bar chart, one row per territory (or any place), drawn on the server: no script. Its title and
 * description name every figure, and the page gives the same figures in a table after it. Used by the outreach
 * figures (/equipe/reperage/chiffres) and the network's figures (/equipe/bilan).
 */
export function TerritoryChart<K extends string>({
  rows,
  series,
  caption,
}: {
  rows: ReadonlyArray<ChartRow<K>>;
  series: ReadonlyArray<ChartSeries<K>>;
  caption: string;
}) {
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => r.values[s.key])));
  const labelWidth = 230;
  const barArea = 330;
  const bar = 13;
  const rowHeight = series.length * bar + 12;
  const top = 28;
  const width = labelWidth + barArea + 50;
  const height = top + rows.length * rowHeight + 8;
  const summary = rows.map((r) => `${r.name} : ${series.map((s) => `${r.values[s.key]} ${s.label}`).join(', ')}`).join(' ; ');
  return (
    <svg
      className="outreach-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="graphique-titre graphique-desc"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id="graphique-titre">{caption}</title>
      <desc id="graphique-desc">{summary}. Les mêmes chiffres sont dans le tableau qui suit.</desc>
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${labelWidth + i * 110}, 6)`}>
          <rect width="12" height="12" className={s.className} />
          <text x="18" y="11" className="outreach-chart__legend">
            {s.label}
          </text>
        </g>
      ))}
      {rows.map((row, index) => {
        const y = top + index * rowHeight;
        return (
          <g key={row.key} data-territoire={row.key}>
            <text x={labelWidth - 8} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="middle" className="outreach-chart__label">
              {row.name.length > 32 ? `${row.name.slice(0, 31)}…` : row.name}
            </text>
            {series.map((s, i) => {
              const value = row.values[s.key];
              const w = Math.round((value / max) * barArea);
              return (
                <g key={s.key}>
                  <rect x={labelWidth} y={y + i * bar + 4} width={Math.max(w, value > 0 ? 2 : 0)} height={bar - 2} className={s.className}>
                    <title>{`${row.name} : ${value} ${s.label}`}</title>
                  </rect>
                  <text x={labelWidth + w + 4} y={y + i * bar + 3 + bar / 2} dominantBaseline="middle" className="outreach-chart__value">
                    {value}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
