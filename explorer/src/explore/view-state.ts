/**
 * What the explorer shows, as a URL hash, so a view can be shared and is restored on load:
 * #center=center:asan-khedmat-kabul&expand=agency:asan-xidmet&hide=BASED_IN&from=2016&to=2021...
 * Pure (URLSearchParams only): the unit tests import it.
 */
import { isPartialDate } from './partial-dates';

export interface ViewState {
  /** The entity whose neighbourhood is shown. Default none: the page asks for a search. */
  center: string | null;
  /** Names in this ISO 639-1 language where known. Default the browser's language (see defaultLanguage). */
  lang: string;
  /** Steps from the centre, 1 to 3. Default 1. */
  depth: number;
  /** Nodes fetched at most per neighbourhood, 1 to 500 (the API's cap). Default 100. */
  limit: number;
  /** Nodes expanded after the centre, in the order they were. Default none. */
  expanded: string[];
  /** Relation types hidden. Default none. */
  hidden: string[];
  /** Shown dates, partial dates; null is open. Default open. */
  from: string | null;
  to: string | null;
  /** The entity in the side panel. Default the centre. */
  selected: string | null;
  /** The path finder's ends and the path shown (index into its answers). Default none. */
  pathFrom: string | null;
  pathTo: string | null;
  pathIndex: number;
  /** A source open in the side panel, and the quote to highlight in it. Default none. */
  source: string | null;
  quote: string | null;
}

export const depthRange = { min: 1, max: 3, default: 1 };
export const limitRange = { min: 1, max: 500, default: 100 };

export function defaultState(lang: string): ViewState {
  return {
    center: null,
    lang,
    depth: depthRange.default,
    limit: limitRange.default,
    expanded: [],
    hidden: [],
    from: null,
    to: null,
    selected: null,
    pathFrom: null,
    pathTo: null,
    pathIndex: 0,
    source: null,
    quote: null,
  };
}

/** The browser's language as ISO 639-1 ("az" from "az-Latn-AZ"); English when it gives none. */
export function defaultLanguage(languages: readonly string[]): string {
  const code = languages[0]?.split('-')[0]?.toLowerCase();
  return code && /^[a-z]{2}$/.test(code) ? code : 'en';
}

function integerIn(text: string | null, range: { min: number; max: number; default: number }): number {
  const value = Number(text);
  return text !== null && Number.isInteger(value) && value >= range.min && value <= range.max ? value : range.default;
}

const list = (text: string | null): string[] => (text ? text.split(',').filter((item) => item.length > 0) : []);
const dateOrNull = (text: string | null): string | null => (text && isPartialDate(text) ? text : null);

/** Reads a hash (with or without its '#'); what is missing or malformed takes its default. */
export function parseViewState(hash: string, lang: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const defaults = defaultState(lang);
  const language = params.get('lang');
  return {
    center: params.get('center'),
    lang: language && /^[a-z]{2}$/.test(language) ? language : defaults.lang,
    depth: integerIn(params.get('depth'), depthRange),
    limit: integerIn(params.get('limit'), limitRange),
    expanded: list(params.get('expand')),
    hidden: list(params.get('hide')),
    from: dateOrNull(params.get('from')),
    to: dateOrNull(params.get('to')),
    selected: params.get('selected'),
    pathFrom: params.get('pathFrom'),
    pathTo: params.get('pathTo'),
    pathIndex: integerIn(params.get('path'), { min: 0, max: 9, default: 0 }),
    source: params.get('source'),
    quote: params.get('quote'),
  };
}

/** The hash for a state, without what equals its default, so links stay short. */
export function formatViewState(state: ViewState, defaultLang: string): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | null, unless: string | null = null) => {
    if (value !== null && value !== '' && value !== unless) params.set(key, value);
  };
  set('center', state.center);
  set('lang', state.lang, defaultLang);
  set('depth', String(state.depth), String(depthRange.default));
  set('limit', String(state.limit), String(limitRange.default));
  set('expand', state.expanded.join(','));
  set('hide', state.hidden.join(','));
  set('from', state.from);
  set('to', state.to);
  set('selected', state.selected, state.center);
  set('pathFrom', state.pathFrom);
  set('pathTo', state.pathTo);
  if (state.pathFrom && state.pathTo) set('path', String(state.pathIndex), '0');
  set('source', state.source);
  set('quote', state.quote);
  return params.toString();
}
