/**
 * How each entity type and relation state looks, shared by the graph, its legend and the lists.
 * Node colours keep at least 3:1 against the white canvas (WCAG 1.4.11); labels are dark text
 * with a white outline.
 */
export const typeColours: Record<string, string> = {
  COUNTRY: '#0b57a4',
  AGENCY: '#a84300',
  PERSON: '#6a3d9a',
  MEMORANDUM: '#1b7a3a',
  SERVICE_CENTER: '#a4133c',
  TRAINING: '#6d6200',
  AWARD: '#7b4f2c',
  EVENT: '#00695c',
  STATISTIC: '#4a5360',
};

export const typeLabels: Record<string, string> = {
  COUNTRY: 'Country',
  AGENCY: 'Agency',
  PERSON: 'Person',
  MEMORANDUM: 'Memorandum',
  SERVICE_CENTER: 'Service centre',
  TRAINING: 'Training',
  AWARD: 'Award',
  EVENT: 'Event',
  STATISTIC: 'Statistic',
};

export const edgeColours = { stated: '#5b6573', disputed: '#b3261e', path: '#0b57a4' };

/** RELATION_TYPE as words: "MODELLED_ON" -> "modelled on". */
export function relationLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
