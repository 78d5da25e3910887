/**
 * Integration tests talk to a JVM on a 2-core machine (10k-entity graphs, a Neo4j killed and
 * restarted): they get two minutes each. testTimeout is a global option in Jest 29, so the
 * integration project sets it here and unit and cypher tests keep jest's 5 s default.
 */
jest.setTimeout(120_000);
