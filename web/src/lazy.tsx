// The graph and the chart as components that load their library when first shown.

import { useCallback } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ChartProps } from './chart.tsx';
import type { GraphProps } from './graph.tsx';
import { paths } from './links.ts';
import { useModule } from './ui.tsx';

export function LazyGraph(props: Omit<GraphProps, 'onOpen'>) {
  const module = useModule(() => import('./graph.tsx'));
  const location = useLocation();
  const onOpen = useCallback((id: string) => location.route(paths.entity(id)), [location]);
  if (!module) return <div class="graph placeholder">Drawing the graph…</div>;
  return <module.default {...props} onOpen={onOpen} />;
}

export function LazyChart(props: ChartProps) {
  const module = useModule(() => import('./chart.tsx'));
  if (!module) return <div class="chart placeholder">Drawing the chart…</div>;
  return <module.default {...props} />;
}
