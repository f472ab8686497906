"use client";

import "@xyflow/react/dist/style.css";
import dagre from "@dagrejs/dagre";
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import { ArrowDown, ArrowRight } from "lucide-react";
import { SystemMonitorState } from "@/components/monitors/system-monitor-state";
import { useMemo, useState } from "react";
import { criticalityLook, CriticalityBadge, SpofBadge } from "./criticality";
import { ImpactMarker, type ImpactState } from "./impact-marker";
import { categoryLabel, type MapData, type MapSystem } from "./types";

const NODE_WIDTH = 256;
const NODE_HEIGHT = 80;

type Direction = "LR" | "TB";
type SystemNodeData = {
  practiceId: string;
  system: MapSystem;
  spof: boolean;
  state: ImpactState;
  dimmed: boolean;
  direction: Direction;
  onChoose: (systemId: string) => void;
};
type SystemNode = Node<SystemNodeData, "system">;

function SystemNodeView({ data }: NodeProps<SystemNode>) {
  const { practiceId, system, spof, state, dimmed, direction, onChoose } = data;
  const look = criticalityLook[system.criticality];
  const background =
    state === "failed" ? "bg-red-50" : state === "stops" ? "bg-orange-50" : "bg-white";
  // The category only when the name does not already say it (the usual systems are named after theirs).
  const category = categoryLabel(system.category);
  const detail = [
    category.toLowerCase() === system.name.toLowerCase() ? null : category,
    system.vendorName,
    system.siteName,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <>
      <Handle
        type="target"
        position={direction === "LR" ? Position.Left : Position.Top}
        isConnectable={false}
        className="!border-0 !bg-transparent"
      />
      <button
        type="button"
        onClick={() => onChoose(system.id)}
        aria-pressed={state === "failed"}
        className={`nodrag nopan pointer-events-auto flex h-full w-full flex-col justify-between rounded-md px-2.5 py-1.5 text-left shadow-sm transition-opacity hover:shadow-md ${look.node} ${background} ${dimmed ? "opacity-45" : ""}`}
      >
        <span
          className={`block w-full truncate text-[13px] font-semibold leading-tight text-slate-900 ${system.monitorState ? "pr-24" : ""}`}
        >
          {system.name}
        </span>
        <span className="block w-full truncate text-[11px] leading-tight text-slate-500">
          {detail || "\u00a0"}
        </span>
        <span className="flex flex-nowrap items-center gap-1 overflow-hidden">
          <CriticalityBadge criticality={system.criticality} />
          {spof && <SpofBadge short />}
          <ImpactMarker state={state} />
        </span>
        <span className="sr-only">
          {state === "failed"
            ? "Chosen: press again to clear the impact."
            : "Show what stops if it fails."}
        </span>
      </button>
      {system.monitorState && (
        // Beside the node's button (a link cannot sit inside a button), over its top-right corner.
        <span
          className={`pointer-events-auto absolute right-1.5 top-1 ${dimmed ? "opacity-45" : ""}`}
        >
          <SystemMonitorState
            practiceId={practiceId}
            systemName={system.name}
            state={system.monitorState}
            compact
          />
        </span>
      )}
      <Handle
        type="source"
        position={direction === "LR" ? Position.Right : Position.Bottom}
        isConnectable={false}
        className="!border-0 !bg-transparent"
      />
    </>
  );
}

const nodeTypes = { system: SystemNodeView };

/** Left to right (or top to bottom): what a system needs comes before it, so a failure travels along the arrows. */
function layout(map: MapData, direction: Direction): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: direction,
    nodesep: direction === "LR" ? 24 : 32,
    ranksep: direction === "LR" ? 64 : 56,
    marginx: 16,
    marginy: 16,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const system of map.systems)
    graph.setNode(system.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of map.dependencies) graph.setEdge(edge.to, edge.from);
  dagre.layout(graph);
  return new Map(
    map.systems.map((system) => {
      const node = graph.node(system.id);
      return [
        system.id,
        { x: (node?.x ?? 0) - NODE_WIDTH / 2, y: (node?.y ?? 0) - NODE_HEIGHT / 2 },
      ];
    }),
  );
}

export default function DependencyDiagram({
  practiceId,
  map,
  impactStateOf,
  impactActive,
  onChoose,
}: {
  practiceId: string;
  map: MapData;
  impactStateOf: (systemId: string) => ImpactState;
  impactActive: boolean;
  onChoose: (systemId: string) => void;
}) {
  const [phone] = useState(() => window.matchMedia("(max-width: 639px)").matches);
  const [direction, setDirection] = useState<Direction>(phone ? "TB" : "LR");
  const positions = useMemo(() => layout(map, direction), [map, direction]);
  const spof = useMemo(
    () => new Set(map.singlePointsOfFailure.map((entry) => entry.systemId)),
    [map],
  );
  const names = useMemo(
    () => new Map(map.systems.map((system) => [system.id, system.name])),
    [map],
  );

  const nodes: SystemNode[] = map.systems.map((system) => {
    const state = impactStateOf(system.id);
    return {
      id: system.id,
      type: "system",
      position: positions.get(system.id) ?? { x: 0, y: 0 },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      selectable: false,
      ariaLabel: system.name,
      data: {
        practiceId,
        system,
        spof: spof.has(system.id),
        state,
        dimmed: impactActive && state === null,
        direction,
        onChoose,
      },
    };
  });

  const edges: Edge[] = [
    ...map.dependencies.map((edge) => {
      const hot =
        impactActive && impactStateOf(edge.to) !== null && impactStateOf(edge.from) === "stops";
      const colour = hot ? "#b91c1c" : "#64748b";
      return {
        id: `d-${edge.from}-${edge.to}`,
        source: edge.to,
        target: edge.from,
        ariaLabel: `${names.get(edge.from)} depends on ${names.get(edge.to)}`,
        markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 18, height: 18 },
        style: {
          stroke: colour,
          strokeWidth: hot ? 2.75 : 1.5,
          opacity: impactActive && !hot ? 0.35 : 1,
        },
        zIndex: hot ? 1 : 0,
      };
    }),
    ...map.redundancies.map((pair) => ({
      id: `r-${pair.a}-${pair.b}`,
      source: pair.a,
      target: pair.b,
      type: "straight",
      ariaLabel: `${names.get(pair.a)} and ${names.get(pair.b)} can stand in for each other`,
      label: "redundant",
      labelStyle: { fontSize: 11, fill: "#0f766e", fontWeight: 600 },
      labelBgStyle: { fill: "#f0fdfa" },
      style: {
        stroke: "#0f766e",
        strokeWidth: 2,
        strokeDasharray: "6 4",
        opacity: impactActive ? 0.5 : 1,
      },
    })),
  ];

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-slate-600">
          Press a system to see what stops if it fails. Drag to pan; use the + and − buttons (or
          pinch) to zoom.
        </p>
        <div
          role="group"
          aria-label="Layout"
          className="inline-flex rounded-md border border-slate-300 bg-white p-0.5"
        >
          {(
            [
              ["LR", "Left to right", ArrowRight],
              ["TB", "Top to bottom", ArrowDown],
            ] as const
          ).map(([value, label, Icon]) => (
            <button
              key={value}
              type="button"
              aria-pressed={direction === value}
              onClick={() => setDirection(value)}
              className={`inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium ${direction === value ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              <Icon aria-hidden className="size-3.5" /> {label}
            </button>
          ))}
        </div>
      </div>
      <div className="h-[min(68vh,620px)] min-h-[420px] overflow-hidden rounded-lg border border-slate-200 bg-slate-50">
        <ReactFlow
          key={`${direction}-${map.systems.length}`}
          aria-label="Dependency diagram"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          // On a phone the whole map would be too small to read: start legible and let the person pan (Fit view shows it all).
          fitViewOptions={{ padding: 0.12, minZoom: phone ? 0.55 : 0.2, maxZoom: 1.1 }}
          minZoom={0.2}
          maxZoom={1.75}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          zoomOnScroll={false}
          preventScrolling={false}
          zoomOnDoubleClick={false}
        >
          <Background gap={20} color="#cbd5e1" />
          <Controls showInteractive={false} position="top-left" />
        </ReactFlow>
      </div>
      <Legend />
    </div>
  );
}

function Legend() {
  return (
    <div
      aria-label="Legend"
      role="note"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700"
    >
      <span className="font-semibold">Legend</span>
      <span className="flex items-center gap-1.5">
        <CriticalityBadge criticality="critical" /> thick solid border
      </span>
      <span className="flex items-center gap-1.5">
        <CriticalityBadge criticality="important" /> solid border
      </span>
      <span className="flex items-center gap-1.5">
        <CriticalityBadge criticality="minor" /> dashed border
      </span>
      <span className="flex items-center gap-1.5">
        <SpofBadge short /> single point of failure
      </span>
      <span className="flex items-center gap-1.5">
        <svg aria-hidden width="36" height="10">
          <line x1="0" y1="5" x2="28" y2="5" stroke="#64748b" strokeWidth="1.5" />
          <path d="M28 1 L36 5 L28 9 Z" fill="#64748b" />
        </svg>
        arrow points to what needs it (a failure travels along the arrows)
      </span>
      <span className="flex items-center gap-1.5">
        <svg aria-hidden width="36" height="10">
          <line
            x1="0"
            y1="5"
            x2="36"
            y2="5"
            stroke="#0f766e"
            strokeWidth="2"
            strokeDasharray="6 4"
          />
        </svg>
        redundant: can stand in for each other
      </span>
    </div>
  );
}
