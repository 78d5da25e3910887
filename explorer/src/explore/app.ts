/**
 * The explorer's controller: the view state (shared through the URL hash), the loaded graph and
 * what the page shows of them. Every user action changes the state, loads what it needs from the
 * API, redraws, and writes the state back to the URL; a URL opened later replays it (restore).
 */
import { ApiError, graphql } from './api';
import { button, element } from './element';
import { renderEntityPanel, hubThreshold, type PanelActions } from './entity-panel';
import { readDateRange, renderTypeFilters } from './filters';
import { GraphModel } from './graph-model';
import { GraphView } from './graph-view';
import { renderPaths } from './path-finder';
import { typeLabels } from './node-types';
import * as q from './queries';
import { renderSource } from './source-view';
import { renderTimeline } from './timeline';
import { formatViewState, type ViewState } from './view-state';

export interface ExplorerElements {
  graph: HTMLElement;
  status: HTMLElement;
  nodeList: HTMLUListElement;
  typeFilters: HTMLElement;
  panel: HTMLElement;
  timeline: HTMLElement;
  pathResults: HTMLElement;
  error: HTMLElement;
  shareUrl: HTMLInputElement;
}

/** An expansion in the URL: the node, and the relation types asked for (none: all). */
function parseExpansion(item: string): { id: string; types: string[] | null } {
  const at = item.lastIndexOf('@');
  return at < 0 ? { id: item, types: null } : { id: item.slice(0, at), types: item.slice(at + 1).split('.') };
}

export class Explorer {
  private readonly model = new GraphModel();
  private readonly view: GraphView;
  private paths: q.PathView[] = [];
  private truncated = false;
  /** The panel's entity when a source is open over it, to go back to. */
  private panelEntity: string | null = null;
  /**
   * Counters of the latest restore, panel and timeline asked for: an answer that arrives after a
   * newer request (a link pasted while the last view loads, two quick clicks) is dropped.
   */
  private readonly latest = { restore: 0, panel: 0, timeline: 0 };

  constructor(
    private state: ViewState,
    private readonly defaultLang: string,
    private readonly elements: ExplorerElements,
  ) {
    this.view = new GraphView(elements.graph, (id) => void this.openNode(id));
  }

  get current(): Readonly<ViewState> {
    return this.state;
  }

  /** Replays the whole state: the centre's network, the expansions, the path, the panel. */
  async restore(): Promise<void> {
    const restore = ++this.latest.restore;
    this.model.clear();
    this.view.reset();
    this.paths = [];
    this.writeUrl();
    const { center } = this.state;
    if (!center) return;
    await this.guard(async () => {
      // Everything is fetched first and kept only if no newer view was asked for meanwhile.
      const networks = [await this.fetchNetwork(center, null, this.state.depth)];
      performance.mark('network-loaded');
      for (const item of this.state.expanded) {
        const { id, types } = parseExpansion(item);
        networks.push(await this.fetchNetwork(id, types, 1));
      }
      const paths = await this.fetchPaths();
      if (restore !== this.latest.restore) return;
      for (const network of networks) this.model.add(network.nodes, network.edges);
      this.truncated = networks[0]!.truncated;
      this.setPaths(paths);
      this.redraw(null);
      await this.showPanel(this.state.selected ?? center);
      if (this.state.source) await this.openSource(this.state.source, this.state.quote, null);
      await this.showTimeline();
    });
  }

  /** Another view altogether (a link pasted into the tab). */
  replace(state: ViewState): Promise<void> {
    this.state = state;
    return this.restore();
  }

  /** A loaded entity's name in the chosen language; its id when it is not loaded. */
  nameOf(id: string): string {
    return this.model.nodes.get(id)?.name ?? id;
  }

  /** A new centre (from the search or the panel): a fresh view of its neighbourhood. */
  async center(id: string): Promise<void> {
    this.state = { ...this.state, center: id, expanded: [], selected: null, source: null, quote: null };
    await this.restore();
  }

  /** A click on a node (or Enter in the node list): select it, and expand it unless it is a hub. */
  async openNode(id: string): Promise<void> {
    await this.guard(async () => {
      const counts = await this.relationCounts(id);
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      if (total <= hubThreshold && !this.isExpanded(id)) await this.expand(id, null, false);
      await this.select(id, counts);
    });
  }

  async select(id: string, counts?: Map<string, number>): Promise<void> {
    this.state = { ...this.state, selected: id, source: null, quote: null };
    this.redraw(null);
    await this.showPanel(id, counts);
    await this.showTimeline();
  }

  async expand(id: string, types: string[] | null, refreshPanel = true): Promise<void> {
    await this.guard(async () => {
      const network = await this.fetchNetwork(id, types, 1);
      this.model.add(network.nodes, network.edges);
      const item = types ? `${id}@${types.join('.')}` : id;
      if (id !== this.state.center && !this.state.expanded.includes(item))
        this.state = { ...this.state, expanded: [...this.state.expanded, item] };
      this.redraw(id);
      if (refreshPanel && this.state.selected === id) await this.showPanel(id);
    });
  }

  setLanguage(lang: string): Promise<void> {
    this.state = { ...this.state, lang };
    return this.restore();
  }

  setNeighbourhood(depth: number, limit: number): Promise<void> {
    this.state = { ...this.state, depth, limit };
    return this.restore();
  }

  toggleType(type: string, shown: boolean): void {
    const hidden = this.state.hidden.filter((item) => item !== type);
    this.state = { ...this.state, hidden: shown ? hidden : [...hidden, type] };
    this.redraw(null);
  }

  /** Applies the date inputs; returns the problem with them, if any (nothing changes then). */
  async setDates(fromText: string, toText: string): Promise<string | null> {
    const range = readDateRange(fromText, toText);
    if ('problem' in range) return range.problem;
    this.state = { ...this.state, ...range };
    this.redraw(null);
    await this.showTimeline();
    return null;
  }

  async findPaths(from: string, to: string): Promise<void> {
    this.state = { ...this.state, pathFrom: from, pathTo: to, pathIndex: 0 };
    await this.guard(async () => {
      this.setPaths(await this.fetchPaths());
      this.redraw(null);
    });
  }

  showPath(index: number): void {
    this.state = { ...this.state, pathIndex: index };
    this.redraw(null);
  }

  clearPath(): void {
    this.paths = [];
    this.state = { ...this.state, pathFrom: null, pathTo: null, pathIndex: 0 };
    this.elements.pathResults.replaceChildren();
    this.redraw(null);
  }

  fit(): void {
    this.view.fit();
  }

  async openSource(sourceId: string, quote: string | null, translatedQuote: string | null): Promise<void> {
    await this.guard(async () => {
      const request = ++this.latest.panel;
      const { source } = await graphql<q.SourceAnswer>(q.sourceQuery, { id: sourceId });
      if (request !== this.latest.panel) return;
      if (!source) throw new ApiError(`No source ${sourceId}.`, 'NOT_FOUND');
      this.state = { ...this.state, source: sourceId, quote };
      this.writeUrl();
      const back = this.panelEntity;
      const { node, quoteMark } = renderSource(source, quote, translatedQuote);
      this.elements.panel.replaceChildren(
        back ? button('← Back to the entity', () => void this.select(back), { class: 'back' }) : '',
        node,
      );
      (quoteMark ?? node.querySelector('h2'))?.scrollIntoView({ block: 'center' });
      node.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
      node.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
    });
  }

  private isExpanded(id: string): boolean {
    return id === this.state.center || this.state.expanded.some((item) => parseExpansion(item).id === id);
  }

  /** Adds a neighbourhood to the graph; true when the API cut it at the node limit. */
  private async fetchNetwork(id: string, types: string[] | null, depth: number): Promise<q.NetworkAnswer['network']> {
    return (await graphql<q.NetworkAnswer>(q.networkQuery, { center: id, depth, limit: this.state.limit, types, lang: this.state.lang }))
      .network;
  }

  /** The path finder's answers for the state's ends (none without both ends). */
  private async fetchPaths(): Promise<q.PathView[]> {
    const { pathFrom, pathTo } = this.state;
    if (!pathFrom || !pathTo) return [];
    return (await graphql<q.PathsAnswer>(q.pathsQuery, { from: pathFrom, to: pathTo, lang: this.state.lang })).paths;
  }

  /** The paths shown, their nodes and relations added to the graph. */
  private setPaths(paths: q.PathView[]): void {
    this.paths = paths;
    for (const path of paths) this.model.add(path.nodes, path.relations);
  }

  private async relationCounts(id: string): Promise<Map<string, number>> {
    const { entity } = await graphql<q.RelationTypesAnswer>(q.relationTypesQuery, { id });
    const counts = new Map<string, number>();
    for (const { type } of entity?.relations ?? []) counts.set(type, (counts.get(type) ?? 0) + 1);
    return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The panel for an entity: all its relations with citations, or a hub's counts first. */
  private async showPanel(id: string, known?: Map<string, number>, listed: string | null = null): Promise<void> {
    const request = ++this.latest.panel;
    const [{ entity }, counts] = await Promise.all([
      graphql<q.EntityAnswer>(q.entityQuery, { id, lang: this.state.lang }),
      known ?? this.relationCounts(id),
    ]);
    if (!entity) throw new ApiError(`No entity ${id}.`, 'NOT_FOUND');
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const types = listed ? [listed] : total <= hubThreshold ? null : undefined;
    const relations =
      types === undefined
        ? null
        : ((await graphql<q.RelationsAnswer>(q.relationsQuery, { id, types, lang: this.state.lang })).entity?.relations ?? []);
    if (request !== this.latest.panel) return;
    this.panelEntity = id;
    this.elements.panel.replaceChildren(
      renderEntityPanel({ entity, counts, relations, expanded: this.isExpanded(id) }, this.panelActions()),
    );
  }

  private panelActions(): PanelActions {
    return {
      select: (id) => void this.select(id),
      center: (id) => void this.center(id),
      expand: (id, types) => void this.expand(id, types),
      listType: (id, type) => void this.guard(() => this.showPanel(id, undefined, type)),
      sourceHref: (sourceId, quote) => `#${formatViewState({ ...this.state, source: sourceId, quote }, this.defaultLang)}`,
      openSource: (sourceId, quote, translated) => void this.openSource(sourceId, quote, translated),
    };
  }

  /** The timeline of the selected entity, or else the centre, when it is a country or an agency. */
  private async showTimeline(): Promise<void> {
    const request = ++this.latest.timeline;
    const subject = [this.state.selected, this.state.center]
      .map((id) => (id ? this.model.nodes.get(id) : undefined))
      .find((node) => node && (node.type === 'COUNTRY' || node.type === 'AGENCY'));
    if (!subject) {
      this.elements.timeline.replaceChildren(element('p', { class: 'muted' }, 'Select a country or an agency to see its timeline.'));
      return;
    }
    const around = subject.type === 'COUNTRY' && subject.code ? { country: subject.code } : { entity: subject.id };
    const { timeline } = await graphql<q.TimelineAnswer>(q.timelineQuery, {
      ...around,
      from: this.state.from,
      to: this.state.to,
      lang: this.state.lang,
    });
    if (request !== this.latest.timeline) return;
    this.elements.timeline.replaceChildren(renderTimeline(subject.name, timeline, (id) => void this.select(id)));
  }

  private pathShown(): { nodes: Set<string>; edges: Set<string> } | null {
    const path = this.paths[this.state.pathIndex];
    return path
      ? { nodes: new Set(path.nodes.map((node) => node.id)), edges: new Set(path.relations.map((relation) => relation.id)) }
      : null;
  }

  /** Draws what the filters let through, and the lists and controls that mirror it. */
  private redraw(origin: string | null): void {
    const path = this.pathShown();
    const keep = new Set(
      [
        this.state.center,
        this.state.selected,
        ...this.state.expanded.map((item) => parseExpansion(item).id),
        ...(path?.nodes ?? []),
      ].filter((id): id is string => id !== null),
    );
    const visible = this.model.visible({ hidden: this.state.hidden, from: this.state.from, to: this.state.to }, keep);
    this.view.show(visible, { center: this.state.center, selected: this.state.selected, path }, origin);
    const { status, nodeList, typeFilters, pathResults } = this.elements;
    status.textContent = `${visible.nodes.length} nodes and ${visible.edges.length} relations shown (of ${this.model.nodes.size} and ${this.model.edges.size} loaded)${this.truncated ? `; the neighbourhood was cut at ${this.state.limit} nodes` : ''}.`;
    typeFilters.replaceChildren(
      ...renderTypeFilters(this.model.typeCounts(), this.state.hidden, (type, shown) => this.toggleType(type, shown)),
    );
    nodeList.replaceChildren(
      ...visible.nodes.map((node) => {
        const item = button(`${node.name} (${typeLabels[node.type] ?? node.type})`, () => void this.openNode(node.id), {
          'data-id': node.id,
          'aria-current': node.id === this.state.selected ? 'true' : undefined,
        });
        item.addEventListener('focus', () => this.view.focusNode(node.id));
        return element('li', {}, item);
      }),
    );
    if (this.state.pathFrom && this.state.pathTo)
      pathResults.replaceChildren(renderPaths(this.paths, this.state.pathIndex, (index) => this.showPath(index)));
    this.writeUrl();
  }

  private writeUrl(): void {
    const hash = formatViewState(this.state, this.defaultLang);
    history.replaceState(null, '', hash ? `#${hash}` : location.pathname);
    this.elements.shareUrl.value = location.href;
  }

  /** Runs a step, showing an API failure to the user instead of losing it. */
  private async guard(step: () => Promise<void>): Promise<void> {
    this.elements.error.hidden = true;
    try {
      await step();
    } catch (error) {
      this.elements.error.textContent =
        error instanceof ApiError
          ? `${error.message}${error.code ? ` (${error.code})` : ''}`
          : `Something failed: ${(error as Error).message}`;
      this.elements.error.hidden = false;
    }
  }
}
