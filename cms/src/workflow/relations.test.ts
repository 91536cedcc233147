import { describe, expect, it } from 'vitest';
import { parseRelationValue } from './relations';

const DOC_A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const DOC_B = 'bbbbbbbbbbbbbbbbbbbbbbbb';

describe('parseRelationValue (every shape Strapi accepts, ambiguous ones refused)', () => {
  it('reads shorthand values as a full replacement', () => {
    expect(parseRelationValue('agency', DOC_A, true)).toEqual({ set: [{ documentId: DOC_A }], connect: [], disconnect: [] });
    expect(parseRelationValue('agency', 7, true)).toEqual({ set: [{ id: 7 }], connect: [], disconnect: [] });
    expect(parseRelationValue('agency', '7', true)).toEqual({ set: [{ id: 7 }], connect: [], disconnect: [] });
    expect(parseRelationValue('agency', null, true)).toEqual({ set: [], connect: [], disconnect: [] });
    expect(parseRelationValue('agency', { documentId: DOC_A }, true)?.set).toEqual([{ documentId: DOC_A }]);
    expect(parseRelationValue('agency', undefined, true)).toBeNull();
  });

  it('reads the admin panel longhand, with its extra keys', () => {
    const v = { connect: [{ id: 3, documentId: DOC_A, locale: null, isTemporary: true, position: { end: true } }], disconnect: [{ id: 2, documentId: DOC_B }] };
    expect(parseRelationValue('agency', v, true)).toEqual({
      set: null,
      connect: [{ documentId: DOC_A, checkId: 3 }],
      disconnect: [{ documentId: DOC_B, checkId: 2 }],
    });
    expect(parseRelationValue('replaces', { connect: [], disconnect: [] }, false)).toEqual({ set: null, connect: [], disconnect: [] });
  });

  it.each([
    ['two targets in connect', { connect: [{ documentId: DOC_A }, { documentId: DOC_B }] }],
    ['two targets in set', { set: [DOC_A, DOC_B] }],
    ['two targets in an array', [DOC_A, DOC_B]],
    ['set with connect', { set: [DOC_A], connect: [DOC_B] }],
    ['a string Strapi would read as an id', '12abc'],
    ['an unknown key', { foo: DOC_A }],
    ['an unknown key in a reference', { connect: [{ documentId: DOC_A, agency: DOC_B }] }],
    ['a nested array', { connect: [[DOC_A]] }],
    ['a boolean', true],
    ['a negative id', -1],
    ['an empty reference', { connect: [{}] }],
    ['an operator object as documentId', { documentId: { $ne: 'x' } }],
  ])('refuses %s for a to-one relation, naming the field', (_name, value) => {
    expect(() => parseRelationValue('agency', value, true)).toThrow(/agency/);
  });

  it('accepts several targets for a to-many relation', () => {
    expect(parseRelationValue('replaces', [DOC_A, DOC_B], false)?.set).toHaveLength(2);
    expect(parseRelationValue('replaces', { connect: [DOC_A, DOC_B] }, false)?.connect).toHaveLength(2);
  });
});
