// The graph and the chart as components that load their library when first shown.

import { useCallback } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ChartProps } from './chart.tsx';
import type { GraphProps } from './graph.tsx';
import { paths } from './links.ts';
import { useModule } from './ui.tsx';

let graphModule: Promise<typeof import('./graph.tsx')> | undefined;
let chartModule: Promise<typeof import('./chart.tsx')> | undefined;

/** Starts loading the graph library; a page that will draw one calls it before its data comes. */
export const loadGraph = () => {
  graphModule ??= import('./graph.tsx');
  return graphModule;
};
export const loadChart = () => {
  chartModule ??= import('./chart.tsx');
  return chartModule;
};

export function LazyGraph(props: Omit<GraphProps, 'onOpen'>) {
  const module = useModule(loadGraph);
  const location = useLocation();
  const onOpen = useCallback((id: string) => location.route(paths.entity(id)), [location]);
  if (!module) return <div class="graph placeholder">Drawing the graph…</div>;
  return <module.default {...props} onOpen={onOpen} />;
}

export function LazyChart(props: ChartProps) {
  const module = useModule(loadChart);
  if (!module) return <div class="chart placeholder">Drawing the chart…</div>;
  return <module.default {...props} />;
}
