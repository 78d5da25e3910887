/**
 * The explorer page: finds its elements, reads the view from the URL, wires the controls to the
 * controller (app.ts) and replays the view. Opening a shared link, or going back to one, shows
 * what it showed.
 */
import { Explorer } from './app';
import { renderLegend } from './legend';
import { createSearchBox } from './search-box';
import { defaultLanguage, depthRange, limitRange, parseViewState } from './view-state';

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const defaultLang = defaultLanguage(navigator.languages);
const explorer = new Explorer(parseViewState(location.hash, defaultLang), defaultLang, {
  graph: byId('graph'),
  status: byId('graph-status'),
  nodeList: byId<HTMLUListElement>('node-list'),
  typeFilters: byId('type-filters'),
  panel: byId('panel'),
  timeline: byId('timeline'),
  pathResults: byId('path-results'),
  error: byId('error'),
  shareUrl: byId<HTMLInputElement>('share-url'),
});

const lang = byId<HTMLSelectElement>('lang');
const depth = byId<HTMLSelectElement>('depth');
const limit = byId<HTMLInputElement>('limit');
const dateFrom = byId<HTMLInputElement>('date-from');
const dateTo = byId<HTMLInputElement>('date-to');
const dateProblem = byId('date-problem');

/** The controls show the state (after a load or a shared link). */
function showState(): void {
  const state = explorer.current;
  if (![...lang.options].some((option) => option.value === state.lang)) lang.append(new Option(state.lang, state.lang));
  lang.value = state.lang;
  depth.value = String(state.depth);
  limit.value = String(state.limit);
  dateFrom.value = state.from ?? '';
  dateTo.value = state.to ?? '';
}

createSearchBox({
  input: byId('search'),
  listbox: byId('search-suggestions'),
  lang: () => explorer.current.lang,
  onChoose: (entity) => void explorer.center(entity.id),
});

let pathFrom: string | null = explorer.current.pathFrom;
let pathTo: string | null = explorer.current.pathTo;
const pathFromBox = createSearchBox({
  input: byId('path-from'),
  listbox: byId('path-from-suggestions'),
  lang: () => explorer.current.lang,
  onChoose: (entity) => (pathFrom = entity.id),
});
const pathToBox = createSearchBox({
  input: byId('path-to'),
  listbox: byId('path-to-suggestions'),
  lang: () => explorer.current.lang,
  onChoose: (entity) => (pathTo = entity.id),
});
byId('path-finder').addEventListener('submit', (event) => {
  event.preventDefault();
  if (pathFrom && pathTo) void explorer.findPaths(pathFrom, pathTo);
  else byId('path-results').textContent = 'Choose both ends from the suggestions first.';
});
byId('path-clear').addEventListener('click', () => {
  pathFrom = pathTo = null;
  pathFromBox.set(null);
  pathToBox.set(null);
  explorer.clearPath();
});

lang.addEventListener('change', () => void explorer.setLanguage(lang.value));
const neighbourhood = () => {
  const steps = Math.min(depthRange.max, Math.max(depthRange.min, Number(depth.value) || depthRange.default));
  const nodes = Math.min(limitRange.max, Math.max(limitRange.min, Math.round(Number(limit.value)) || limitRange.default));
  void explorer.setNeighbourhood(steps, nodes).then(showState);
};
depth.addEventListener('change', neighbourhood);
limit.addEventListener('change', neighbourhood);

byId('dates').addEventListener('submit', (event) => {
  event.preventDefault();
  void explorer.setDates(dateFrom.value, dateTo.value).then((problem) => {
    dateProblem.textContent = problem ?? '';
    dateProblem.hidden = problem === null;
  });
});
byId('dates-clear').addEventListener('click', () => {
  dateFrom.value = dateTo.value = '';
  dateProblem.hidden = true;
  void explorer.setDates('', '');
});

byId('fit').addEventListener('click', () => explorer.fit());
byId('copy-link').addEventListener('click', () => {
  const share = byId<HTMLInputElement>('share-url');
  share.select();
  void navigator.clipboard?.writeText(share.value).catch(() => undefined);
});

byId('legend').append(renderLegend());

// The skip link moves the focus without touching the hash, which holds the view.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  byId('node-list-title').focus();
});

// A link pasted into this tab (or the back button to an older hash) is a new view.
window.addEventListener('hashchange', () => {
  void explorer.replace(parseViewState(location.hash, defaultLang)).then(showState);
});

showState();
void explorer.restore().then(() => {
  if (explorer.current.pathFrom && explorer.current.pathTo) {
    byId<HTMLInputElement>('path-from').value = explorer.nameOf(explorer.current.pathFrom);
    byId<HTMLInputElement>('path-to').value = explorer.nameOf(explorer.current.pathTo);
  }
});
