/**
 * A typed client of the coopgraph API (graphql-codegen's client preset): "which Afghan
 * institutions did Azerbaijan's State Agency train, under which memorandum, says who?"
 *
 * The query below is checked against schema/*.graphql when `npm run codegen` runs (lint and
 * build run it), and its answer is typed from it: a field renamed in the schema breaks
 * `npm run lint`, not a researcher's script at run time. It needs a running server only to run:
 *
 *   npm start                                   # in one terminal
 *   npm run example                             # in another; COOPGRAPH_URL=http://host:port/graphql for another server
 */
import { print } from 'graphql';
import { graphql } from './generated';
import type { AfghanTrainingsQuery, AfghanTrainingsQueryVariables } from './generated/graphql';

/** Trainings given by `provider` (an id prefix: the agency's id) that reach `country`, with whom they trained, under what, and who says so. */
export const afghanTrainings = graphql(`
  query AfghanTrainings($provider: String!, $country: String!) {
    trainings(
      filter: { country: $country, related: [{ types: [PROVIDED_BY], direction: OUT, where: { idPrefix: $provider } }] }
      first: 50
    ) {
      totalCount
      edges {
        node {
          id
          name(lang: "en")
          date {
            iso
            precision
          }
          participants {
            text
          }
          relations(types: [TRAINED, UNDER], direction: OUT) {
            type
            role
            to {
              id
              name(lang: "en")
              ... on Agency {
                country {
                  code
                }
              }
              ... on Memorandum {
                signed {
                  iso
                }
              }
            }
            citations {
              quote
              quoteTranslation(lang: "en")
              source {
                title
                publisher
                url
                published
              }
            }
          }
        }
      }
    }
  }
`);

type Training = AfghanTrainingsQuery['trainings']['edges'][number]['node'];

/** Sends the typed query; the answer has the query's type, or the errors are thrown. */
export async function ask(url: string, variables: AfghanTrainingsQueryVariables): Promise<AfghanTrainingsQuery> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(afghanTrainings), variables }),
  });
  const body = (await response.json()) as { data?: AfghanTrainingsQuery; errors?: { message: string }[] };
  if (!body.data) throw new Error(`HTTP ${response.status}: ${(body.errors ?? []).map((error) => error.message).join('; ')}`);
  return body.data;
}

/** One training as sentences: whom it trained, under what, and each source with its quote. */
export function describe(training: Training): string[] {
  const lines = [
    `${training.name}${training.date ? ` (${training.date.iso})` : ''}${training.participants ? `, ${training.participants.text}` : ''}`,
  ];
  for (const relation of training.relations) {
    const what =
      relation.type === 'TRAINED'
        ? `trained ${relation.to.name}${relation.role ? ` (${relation.role})` : ''}`
        : `under ${relation.to.name}`;
    lines.push(`  ${what} [${relation.to.id}]`);
    for (const citation of relation.citations) {
      const quote = citation.quote
        ? `: "${citation.quote}"${citation.quoteTranslation ? ` (en: "${citation.quoteTranslation}")` : ''}`
        : '';
      lines.push(
        `    says ${citation.source.publisher}, "${citation.source.title}"${citation.source.published ? ` (${citation.source.published})` : ''}${quote}`,
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const url = process.env.COOPGRAPH_URL ?? 'http://127.0.0.1:4000/graphql';
  const answer = await ask(url, { provider: 'agency:asan-xidmet', country: 'AF' });
  process.stdout.write(`${answer.trainings.totalCount} training(s) by the State Agency (ASAN xidmət) reaching Afghanistan:\n`);
  for (const edge of answer.trainings.edges) process.stdout.write(`${describe(edge.node).join('\n')}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
