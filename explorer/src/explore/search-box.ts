/**
 * A search field with suggestions (the ARIA 1.2 combobox pattern): typing asks the API's search
 * after a short pause, ArrowDown/ArrowUp move through the suggestions, Enter picks, Escape
 * closes. Each suggestion shows the name in the chosen language and, when it differs, the
 * source's own name. Used for the main search and both ends of the path finder.
 */
import { graphql } from './api';
import { typeLabels } from './node-types';
import { searchQuery, type NodeEntity, type SearchAnswer } from './queries';

export interface SearchBoxOptions {
  input: HTMLInputElement;
  listbox: HTMLUListElement;
  /** The language names are asked in. */
  lang: () => string;
  onChoose: (entity: NodeEntity) => void;
  /** Milliseconds of quiet typing before asking. Default 150. */
  debounceMs?: number;
}

export function createSearchBox(options: SearchBoxOptions): { set(entity: NodeEntity | null): void } {
  const { input, listbox } = options;
  let hits: NodeEntity[] = [];
  let active = -1;
  let timer: number | undefined;
  let asked: AbortController | null = null;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('aria-expanded', 'false');
  input.autocomplete = 'off';
  listbox.setAttribute('role', 'listbox');
  listbox.hidden = true;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index: number) => {
    active = index;
    listbox.querySelectorAll('[role="option"]').forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = listbox.children[index] as HTMLElement | undefined;
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  };

  const choose = (index: number) => {
    const entity = hits[index];
    if (!entity) return;
    input.value = entity.name;
    close();
    options.onChoose(entity);
  };

  const render = () => {
    listbox.replaceChildren(
      ...hits.map((hit, index) => {
        const option = document.createElement('li');
        option.id = `${listbox.id}-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.id = hit.id;
        const name = document.createElement('span');
        name.className = 'suggestion-name';
        name.textContent = hit.name;
        const detail = document.createElement('span');
        detail.className = 'suggestion-detail';
        detail.textContent = [typeLabels[hit.type] ?? hit.type, hit.canonical !== hit.name ? hit.canonical : null]
          .filter(Boolean)
          .join(' · ');
        option.append(name, detail);
        // mousedown, not click: the input keeps its focus.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(index);
        });
        return option;
      }),
    );
    if (hits.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'suggestion-empty';
      empty.textContent = 'No match';
      listbox.append(empty);
    }
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const search = async (text: string) => {
    asked?.abort();
    asked = new AbortController();
    try {
      const answer = await graphql<SearchAnswer>(searchQuery, { q: text, lang: options.lang() }, asked.signal);
      hits = answer.search.edges.map((edge) => edge.node);
      render();
    } catch (error) {
      if ((error as Error).name !== 'AbortError') console.warn('search failed', error);
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length === 0) {
      close();
      return;
    }
    timer = window.setTimeout(() => void search(text), options.debounceMs ?? 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (listbox.hidden || hits.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      if (listbox.hidden) return;
      event.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);

  return {
    set(entity) {
      input.value = entity?.name ?? '';
    },
  };
}
