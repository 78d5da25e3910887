/** What the page and the layout worker (layout-worker.ts) send each other. */
export interface LayoutRequest {
  /** Which request this is: a reply to an older one is dropped. */
  id: number;
  nodes: { id: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
  /** Lay out from scratch (a first view) rather than from the positions given. */
  randomize: boolean;
}

export interface LayoutReply {
  id: number;
  positions: Record<string, { x: number; y: number }>;
}
