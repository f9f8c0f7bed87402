// Loaded on demand: Cytoscape.js is the largest library the Explorer uses.
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';

export type GraphNode = { id: string; label: string; central?: boolean };
export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  weight: number;
  label: string;
};

export type GraphProps = {
  nodes: GraphNode[];
  edges: GraphEdge[];
  label: string;
  layout: 'concentric' | 'breadthfirst';
  onOpen: (id: string) => void;
};

export default function Graph({ nodes, edges, label, layout, onOpen }: GraphProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const maxWeight = Math.max(1, ...edges.map((edge) => edge.weight));
    const graph = cytoscape({
      container: element,
      elements: [
        ...nodes.map((node) => ({ data: { ...node, central: node.central ? 1 : 0 } })),
        ...edges.map((edge) => ({ data: edge })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'background-color': '#1f6feb',
            color: '#111',
            'font-size': 12,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            width: 22,
            height: 22,
          },
        },
        {
          selector: 'node[central = 1]',
          style: { 'background-color': '#b42318', width: 34, height: 34 },
        },
        {
          selector: 'edge',
          style: {
            width: `mapData(weight, 1, ${maxWeight}, 2, 10)` as unknown as number,
            'line-color': '#8c959f',
            label: 'data(label)',
            'font-size': 10,
            'text-background-color': '#fff',
            'text-background-opacity': 1,
            'curve-style': 'bezier',
          },
        },
      ],
      layout:
        layout === 'concentric'
          ? {
              name: 'concentric',
              concentric: (node) => (node.data('central') ? 2 : 1),
              levelWidth: () => 1,
              minNodeSpacing: 40,
            }
          : { name: 'breadthfirst', directed: false, spacingFactor: 1.2 },
      maxZoom: 1.6,
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
    });
    graph.on('tap', 'node', (event) => onOpen(event.target.id()));
    graph.one('render', () => {
      element.dataset.drawn = 'true';
      performance.mark('graph-drawn');
    });
    // Tests and the benchmark read what was drawn from here.
    element.dataset.nodes = JSON.stringify(nodes.map((node) => node.label));
    return () => graph.destroy();
  }, [nodes, edges, layout, onOpen]);
  return <div class="graph" ref={container} role="img" aria-label={label} />;
}
