import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AGENCIES_QUERY, COLLECTION_QUERIES, GRAPHQL_MAX_PAGE_SIZE, GRAPHQL_PAGE_SIZE, SINGLES_QUERY, type QueryResult } from './index';

const ALL = { ...COLLECTION_QUERIES, singles: SINGLES_QUERY };

describe('GraphQL documents', () => {
  it('parse, each with one named query', () => {
    for (const [key, doc] of Object.entries(ALL)) {
      const ast = parse(doc);
      const ops = ast.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      expect(ops, key).toHaveLength(1);
      expect(ops[0].operation).toBe('query');
      expect(ops[0].name?.value).toMatch(/^Site/);
    }
  });

  it('paginate every collection by page/pageSize, selecting the result key', () => {
    for (const [key, doc] of Object.entries(COLLECTION_QUERIES)) {
      const op = parse(doc).definitions[0] as OperationDefinitionNode;
      expect(op.variableDefinitions?.map((v) => v.variable.name.value)).toEqual(['page', 'pageSize', 'filters']);
      const field = op.selectionSet.selections[0];
      expect(field.kind === 'Field' && field.name.value).toBe(key);
      expect(doc).toContain('updatedAt');
      expect(doc).toContain('documentId');
    }
  });

  it('never asks for private fields', () => {
    for (const doc of Object.values(ALL)) expect(doc).not.toContain('askerContact');
  });

  it('keeps the page size within the CMS maxLimit', () => {
    expect(GRAPHQL_PAGE_SIZE).toBeLessThanOrEqual(GRAPHQL_MAX_PAGE_SIZE);
    expect(GRAPHQL_MAX_PAGE_SIZE).toBe(200);
  });

  it('types the result', () => {
    const r: QueryResult<typeof AGENCIES_QUERY> = { agencies: [] };
    expect(r.agencies).toEqual([]);
  });
});
