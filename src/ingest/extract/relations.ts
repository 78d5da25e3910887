/**
 * Candidate relations from the sentence that states them. Each kind of statement (triggers.ts)
 * has its builder: who met, who signed what, who visited where, who trained whom, which centre
 * opened where and on whose model, who received which award. A builder reads only the
 * sentence's own mentions, dates and numbers, proposes the thing the sentence describes (a
 * meeting, a memorandum, a training, a centre, an award) when the graph does not already have
 * it, and relates the mentions to it. Every relation quotes its sentence.
 */
import type { BundleAttributes } from '../bundle';
import type { EntityTypeName, RelationTypeName } from '../../core/model/registry';
import type { FoundDate } from './dates';
import type { SupportedLanguage } from './language';
import type { Mention } from './matching';
import type { FoundQuantity } from './quantities';
import type { Span } from './segments';
import { cityPatterns, mentionsMemorandum, providerMarks, trainingUnits, type StatementKind } from './triggers';

/** One sentence, read: its mentions, dates and numbers (offsets in the whole text), and the statement found. */
export interface SentenceReading {
  sentence: Span;
  language: SupportedLanguage;
  mentions: Mention[];
  dates: FoundDate[];
  quantities: FoundQuantity[];
  /** The source's publication date (YYYY[-MM[-DD]]), when known: a meeting reported without a date took place on it. */
  published: string | null;
  statement: { kind: StatementKind; words: string };
}

export interface DescribedEntity {
  type: EntityTypeName;
  name: string;
  attributes?: BundleAttributes;
  confidence: number;
  reason: string;
}

export interface StatedRelation {
  type: RelationTypeName;
  from: string;
  to: string;
  role?: string;
  start?: string;
  confidence: number;
  reason: string;
}

/** Where the builders put what they find (draft.ts): ids for mentions, new entities, relations, numbers. */
export interface StatementSink {
  /** The entity a mention names, as the draft refers to it; a new one gets `attributes`, and `sentence` as a quote. */
  idOf(mention: Mention, sentence: Span, attributes?: BundleAttributes): string;
  describe(entity: DescribedEntity, sentence: Span): string;
  relate(relation: StatedRelation, sentence: Span): void;
  quantity(subject: string, quantity: FoundQuantity, sentence: Span): void;
  /** The id of the latest entity of this type the draft holds (a memorandum named again: "the Memorandum"). */
  latest(type: EntityTypeName): string | null;
  /** The person last named after this post ("səfiri Amanullah Ceyhun"), for a later "Səfir" alone. */
  personWithPost(sentence: Span, language: SupportedLanguage): Mention | null;
  /** The centre this sentence proposed or named, for a model stated beside it. */
  centreOf(sentence: Span): string | null;
}

const of = (reading: SentenceReading, ...types: EntityTypeName[]) => reading.mentions.filter((mention) => types.includes(mention.type));
const names = (mentions: readonly Mention[]) => mentions.map((mention) => mention.name).join(' and ');
const round = (value: number) => Math.round(value * 100) / 100;
const said = (reading: SentenceReading) => `the sentence says "${reading.statement.words}"`;

/** The sentence's first date; an event without one took place on the publication date (said in the reason). */
function dateOf(reading: SentenceReading, fallBack: boolean): { date?: string; why: string } {
  const stated = reading.dates[0];
  if (stated) return { date: stated.iso, why: `dated ${stated.iso} by the sentence` };
  if (fallBack && reading.published)
    return { date: reading.published, why: `no date in the sentence: the publication date ${reading.published}` };
  return { why: 'no date stated' };
}

function relateAll(sink: StatementSink, reading: SentenceReading, relations: (StatedRelation | null)[]): void {
  for (const relation of relations) if (relation) sink.relate({ ...relation, confidence: round(relation.confidence) }, reading.sentence);
}

function met(reading: SentenceReading, sink: StatementSink): void {
  const people = of(reading, 'Person');
  const participants = people.length > 0 ? people : of(reading, 'Agency');
  if (participants.length === 0) return;
  const { date, why } = dateOf(reading, true);
  const name = participants.length > 1 ? `Meeting of ${names(participants)}` : `Meeting with ${participants[0]!.name}`;
  const event = sink.describe(
    {
      type: 'Event',
      name,
      attributes: { kind: 'MEETING', ...(date ? { date } : {}) },
      confidence: 0.8,
      reason: `${said(reading)}; ${why}`,
    },
    reading.sentence,
  );
  relateAll(
    sink,
    reading,
    participants.map((mention, i) => ({
      type: 'PARTICIPATED_IN' as const,
      from: sink.idOf(mention, reading.sentence),
      to: event,
      ...(participants.length > 1 ? { role: i === 0 ? 'host' : 'guest' } : {}),
      confidence: 0.8 * mention.confidence,
      reason: `${said(reading)}; ${participants.length > 1 ? `named ${i === 0 ? 'first (host)' : 'after (guest)'}` : 'the one named'}`,
    })),
  );
}

const memorandumKind = (sentence: string): string => {
  if (/agreement|accord|saziş|müqavilə|соглашени|договор/iu.test(sentence)) return 'AGREEMENT';
  if (/declaration|bəyannamə|декларац/iu.test(sentence)) return 'DECLARATION';
  return /protocol|protokol|протокол/iu.test(sentence) && !/memorand|MoU|меморандум/iu.test(sentence) ? 'OTHER' : 'MOU';
};

function signed(reading: SentenceReading, sink: StatementSink): void {
  const agencies = of(reading, 'Agency');
  const parties = agencies.length >= 2 ? agencies : [...agencies, ...of(reading, 'Country')];
  const signatories = of(reading, 'Person');
  const { date, why } = dateOf(reading, false);
  const named = of(reading, 'Memorandum')[0];
  const attributes = { kind: memorandumKind(reading.sentence.text), ...(date ? { signed: date } : {}) };
  // "The memorandum was signed by ..." without a date of its own speaks of the memorandum already read.
  const earlier = !named && !date ? sink.latest('Memorandum') : null;
  const memorandum = named
    ? sink.idOf(named, reading.sentence, attributes)
    : (earlier ??
      sink.describe(
        {
          type: 'Memorandum',
          name: `Memorandum between ${names(parties.length > 0 ? parties : signatories) || 'unnamed parties'}${date ? ` (${date})` : ''}`,
          attributes,
          confidence: parties.length > 0 ? 0.8 : 0.5,
          reason: `${said(reading)}; ${why}${parties.length === 0 ? '; no party named' : ''}`,
        },
        reading.sentence,
      ));
  relateAll(sink, reading, [
    ...parties.map((party) => ({
      type: 'PARTY_TO' as const,
      from: sink.idOf(party, reading.sentence),
      to: memorandum,
      ...(date ? { start: date } : {}),
      confidence: 0.8 * party.confidence,
      reason: `${said(reading)}; a ${party.type === 'Agency' ? 'party' : 'country named as a party'} in that sentence`,
    })),
    ...signatories.map((person) => ({
      type: 'SIGNED' as const,
      from: sink.idOf(person, reading.sentence),
      to: memorandum,
      ...(date ? { start: date } : {}),
      confidence: 0.7 * person.confidence,
      reason: `${said(reading)}; a person named in that sentence`,
    })),
  ]);
}

function visited(reading: SentenceReading, sink: StatementSink): void {
  const referred = of(reading, 'Person').length === 0 ? sink.personWithPost(reading.sentence, reading.language) : null;
  const visitors = referred ? [referred] : of(reading, 'Person');
  const places = of(reading, 'ServiceCenter', 'Agency').filter((place) => !visitors.includes(place));
  const countries = of(reading, 'Country');
  if (visitors.length === 0 && places.length === 0) return;
  const { date, why } = dateOf(reading, true);
  const where = places[0]?.name ?? countries[0]?.name;
  const name = `Visit${visitors.length > 0 ? ` of ${names(visitors)}` : ''}${where ? ` to ${where}` : ''}`;
  const event = sink.describe(
    { type: 'Event', name, attributes: { kind: 'VISIT', ...(date ? { date } : {}) }, confidence: 0.7, reason: `${said(reading)}; ${why}` },
    reading.sentence,
  );
  relateAll(sink, reading, [
    ...visitors.map((visitor) => ({
      type: 'PARTICIPATED_IN' as const,
      from: sink.idOf(visitor, reading.sentence),
      to: event,
      role: 'visitor',
      confidence: (referred ? 0.6 : 0.75) * visitor.confidence,
      reason: referred ? `${said(reading)}; ${referred.reason}` : `${said(reading)}; the person named`,
    })),
    places[0]
      ? {
          type: 'HELD_AT',
          from: event,
          to: sink.idOf(places[0], reading.sentence),
          confidence: 0.7 * places[0].confidence,
          reason: `${said(reading)}; the place named`,
        }
      : null,
    !places[0] && countries[0]
      ? {
          type: 'LOCATED_IN',
          from: event,
          to: sink.idOf(countries[0], reading.sentence),
          confidence: 0.6 * countries[0].confidence,
          reason: `${said(reading)}; the country named`,
        }
      : null,
  ]);
}

/** The provider: the mention a provider mark points to ("X tərəfindən", "by X"), else the first agency (less sure). */
function providerOf(reading: SentenceReading): { provider: Mention | null; marked: boolean } {
  const marks = providerMarks[reading.language];
  const text = reading.sentence.text;
  const local = (offset: number) => offset - reading.sentence.start;
  const marked = of(reading, 'Agency', 'Person', 'Country').find(
    (mention) =>
      (marks.after?.test(text.slice(local(mention.end))) ?? false) || (marks.before?.test(text.slice(0, local(mention.start))) ?? false),
  );
  return marked ? { provider: marked, marked: true } : { provider: of(reading, 'Agency')[0] ?? null, marked: false };
}

function trainingAttributes(reading: SentenceReading): { attributes: BundleAttributes; role?: string } {
  const attributes: BundleAttributes = {};
  let role: string | undefined;
  for (const quantity of reading.quantities) {
    const value = { value: quantity.value, qualifier: quantity.qualifier, ...(quantity.unit ? { unit: quantity.unit } : {}) };
    if (quantity.unit && trainingUnits.test(quantity.unit)) attributes.count ??= value;
    else if (!attributes.participants) {
      attributes.participants = value;
      role = quantity.unit ?? undefined;
    }
  }
  const date = reading.dates[0]?.iso;
  return { attributes: { ...attributes, ...(date ? { date } : {}) }, role };
}

function trained(reading: SentenceReading, sink: StatementSink): void {
  const { provider, marked } = providerOf(reading);
  const recipients = of(reading, 'Country', 'Agency', 'ServiceCenter').filter((mention) => mention !== provider);
  if (!provider && recipients.length === 0) return;
  const { attributes, role } = trainingAttributes(reading);
  const name = `Training${provider ? ` by ${provider.name}` : ''}${recipients.length > 0 ? ` for ${names(recipients)}` : ''}`;
  const training = sink.describe(
    {
      type: 'Training',
      name,
      attributes,
      confidence: 0.75,
      reason: `${said(reading)}${attributes.date ? `; dated ${attributes.date}` : ''}`,
    },
    reading.sentence,
  );
  const memorandum = mentionsMemorandum(reading.sentence.text, reading.language) ? sink.latest('Memorandum') : null;
  relateAll(sink, reading, [
    provider
      ? {
          type: 'PROVIDED_BY',
          from: training,
          to: sink.idOf(provider, reading.sentence),
          confidence: (marked ? 0.8 : 0.55) * provider.confidence,
          reason: `${said(reading)}; ${marked ? 'marked as the one giving it' : 'the first organisation named (no "by" in the sentence)'}`,
        }
      : null,
    ...recipients.map((recipient) => ({
      type: 'TRAINED' as const,
      from: training,
      to: sink.idOf(recipient, reading.sentence),
      ...(role ? { role } : {}),
      confidence: 0.7 * recipient.confidence,
      reason: `${said(reading)}; named as trained${role ? ` (${role})` : ''}`,
    })),
    memorandum
      ? { type: 'UNDER', from: training, to: memorandum, confidence: 0.6, reason: `${said(reading)} and names the memorandum` }
      : null,
  ]);
}

function opened(reading: SentenceReading, sink: StatementSink): void {
  const named = of(reading, 'ServiceCenter')[0];
  const country = of(reading, 'Country')[0];
  const city = cityPatterns[reading.language].exec(reading.sentence.text)?.[1];
  const { date, why } = dateOf(reading, false);
  const attributes = { ...(city ? { city } : {}), ...(date ? { opened: date } : {}) };
  const centre = named
    ? sink.idOf(named, reading.sentence, attributes)
    : sink.describe(
        {
          type: 'ServiceCenter',
          name: `Service centre in ${city ?? country?.name ?? 'an unnamed place'}`,
          attributes,
          confidence: 0.6,
          reason: `${said(reading)}; ${why}${city ? `; in ${city}` : ''}`,
        },
        reading.sentence,
      );
  const memorandum = mentionsMemorandum(reading.sentence.text, reading.language) ? sink.latest('Memorandum') : null;
  relateAll(sink, reading, [
    country
      ? {
          type: 'LOCATED_IN',
          from: centre,
          to: sink.idOf(country, reading.sentence),
          confidence: 0.75 * country.confidence,
          reason: `${said(reading)}; the country named`,
        }
      : null,
    memorandum
      ? { type: 'ESTABLISHED_UNDER', from: centre, to: memorandum, confidence: 0.6, reason: `${said(reading)} and names the memorandum` }
      : null,
  ]);
}

function awarded(reading: SentenceReading, sink: StatementSink): void {
  const award = of(reading, 'Award')[0];
  const agencies = of(reading, 'Agency', 'Country');
  // The organisation named right before the award's name ("UN's Public Service Award") confers it.
  const conferrer = award ? agencies.find((agency) => agency.end <= award.start && award.start - agency.end <= 2) : undefined;
  const recipient = [...of(reading, 'Agency', 'Person', 'Country', 'ServiceCenter')].find((mention) => mention !== conferrer);
  if (!award && !recipient) return;
  const { date, why } = dateOf(reading, false);
  const id = award
    ? sink.idOf(award, reading.sentence, date ? { date } : undefined)
    : sink.describe(
        {
          type: 'Award',
          name: `Award to ${recipient!.name}${date ? ` (${date})` : ''}`,
          attributes: date ? { date } : {},
          confidence: 0.55,
          reason: `${said(reading)}; ${why}`,
        },
        reading.sentence,
      );
  relateAll(sink, reading, [
    recipient
      ? {
          type: 'RECEIVED',
          from: sink.idOf(recipient, reading.sentence),
          to: id,
          confidence: 0.7 * recipient.confidence,
          reason: `${said(reading)}; the first named`,
        }
      : null,
    conferrer
      ? {
          type: 'CONFERRED_BY',
          from: id,
          to: sink.idOf(conferrer, reading.sentence),
          confidence: 0.7 * conferrer.confidence,
          reason: `${said(reading)}; named with the award`,
        }
      : null,
  ]);
}

function modelled(reading: SentenceReading, sink: StatementSink): void {
  const named = of(reading, 'ServiceCenter')[0];
  const centre = sink.centreOf(reading.sentence) ?? (named ? sink.idOf(named, reading.sentence) : null);
  const cue = reading.sentence.text.indexOf(reading.statement.words) + reading.sentence.start;
  // The model is named right before the cue ("“ASAN xidmət” modeli əsasında"), or right after it ("modelled on ASAN").
  const agencies = of(reading, 'Agency');
  const model =
    [...agencies].reverse().find((agency) => agency.end <= cue && cue - agency.end <= 3) ?? agencies.find((agency) => agency.start >= cue);
  if (!centre || !model) return;
  relateAll(sink, reading, [
    {
      type: 'MODELLED_ON',
      from: centre,
      to: sink.idOf(model, reading.sentence),
      confidence: 0.75 * model.confidence,
      reason: `${said(reading)}; the model named beside it`,
    },
  ]);
}

/** The builders, in the order a sentence is read: a centre is proposed before its model is related to it. */
export const builders: Record<StatementKind, (reading: SentenceReading, sink: StatementSink) => void> = {
  MET: met,
  SIGNED: signed,
  VISITED: visited,
  TRAINED: trained,
  OPENED: opened,
  AWARDED: awarded,
  MODELLED: modelled,
};
