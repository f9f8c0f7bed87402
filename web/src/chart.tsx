// Loaded on demand: Observable Plot (with its d3 parts) is only needed where a chart is drawn.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';

export type ChartProps = {
  rows: { label: string; count: number }[];
  label: string;
  horizontal: boolean;
};

export default function Chart({ rows, label, horizontal }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const width = Math.min(element.clientWidth || 640, 900);
    const chart = horizontal
      ? Plot.plot({
          width,
          marginLeft: 180,
          height: 40 + rows.length * 24,
          x: { label: 'statements', grid: true },
          y: { label: null, domain: rows.map((row) => row.label) },
          marks: [
            Plot.barX(rows, { x: 'count', y: 'label', fill: '#1f6feb' }),
            Plot.text(rows, { x: 'count', y: 'label', text: 'count', dx: 8, textAnchor: 'start' }),
          ],
        })
      : Plot.plot({
          width,
          height: 260,
          x: { label: null, domain: rows.map((row) => row.label) },
          y: { label: 'statements', grid: true },
          marks: [Plot.barY(rows, { x: 'label', y: 'count', fill: '#1f6feb' }), Plot.ruleY([0])],
        });
    chart.setAttribute('aria-hidden', 'true');
    element.replaceChildren(chart);
    element.dataset.drawn = 'true';
    return () => chart.remove();
  }, [rows, horizontal]);
  return <div class="chart" ref={container} role="img" aria-label={label} />;
}
