/**
 * Enumerations in Vietnamese in the admin panel (issue 10, item 8). Strapi 5.54 shows an
 * enumeration's raw value wherever no label is given, and the only translation it offers is
 * `formatMessage({ id: value })` in the select and the filter picker: one global message per
 * value, so `approved` could not be "Đã duyệt" (editorial state) and "Hội đồng biên tập đã duyệt"
 * (e-service registration) at once, and the list cells and active-filter chips are not
 * translated at all. Instead, with the content-manager's extension points:
 *
 * - edit view (and the history view): `app.addFields({ type: 'enumeration' })` — the
 *   content-manager renders enumeration attributes with this input; it is Strapi's own
 *   enumeration input (`InputRenderer` of @strapi/admin) given one labelled option per value;
 * - list view cells: hook `Admin/CM/pages/ListView/inject-column-in-table`, a `cellFormatter`
 *   for every enumeration column that has none yet (the workflow's state badge keeps its own);
 * - list view filters: hook `Admin/CM/pages/ListView/inject-in-filters` — labelled options for
 *   the value picker, and an `input` so that the active-filter chip shows the label too (Strapi's
 *   chip looks the value up in `options` only for filters with a custom input).
 *
 * The stored and queried value is always the English identifier.
 */
import * as React from 'react';
import { InputRenderer, type StrapiApp } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';
import { attributeName, enumLabel, labelsFor } from './tables';

type Option = { value: string; label?: string };

/** Edit-view input of an enumeration attribute: Strapi's select, with Vietnamese option labels. */
export function EnumerationInput(props: any) {
  const { attribute, name } = props;
  const values: string[] = attribute?.enum ?? [];
  const table = labelsFor(undefined, attributeName(String(name)), values);
  // no table: leave the label out, Strapi then falls back to formatMessage({ id: value })
  const options: Option[] = values.map((value) => (table?.[value] ? { value, label: table[value] } : { value }));
  return <InputRenderer {...props} type="enumeration" options={options} />;
}

interface Header {
  name: string;
  attribute?: { type?: string; enum?: string[] };
  cellFormatter?: (row: Record<string, unknown>, header: Header, ctx: { model?: string }) => React.ReactNode;
  [k: string]: unknown;
}

const enumCell = (row: Record<string, unknown>, header: Header, ctx?: { model?: string }) => {
  const field = header.name.split('.')[0];
  const value = row[field];
  const text = enumLabel(labelsFor(ctx?.model, field, header.attribute?.enum), value);
  return (
    <Typography textColor="neutral800" ellipsis maxWidth="30rem" data-enum-value={value ?? ''}>
      {text || '-'}
    </Typography>
  );
};

/** List view: enumeration columns show the Vietnamese label of the value. */
export function labelEnumColumns<T extends { displayedHeaders: Header[] }>(args: T): T {
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((h) =>
      h.attribute?.type === 'enumeration' && typeof h.cellFormatter !== 'function' ? { ...h, cellFormatter: enumCell } : h,
    ),
  };
}

interface Filter {
  name: string;
  type?: string;
  options?: Array<Option | string>;
  input?: React.ComponentType<any>;
  [k: string]: unknown;
}

/** The value picker of an enumeration filter (the labels are in its options). */
function EnumerationFilterInput({ input: _input, operators: _operators, mainField: _mainField, ...props }: any) {
  return <InputRenderer {...props} type="enumeration" />;
}

/** List view filters: labelled options for enumerations, so the picker and the chip speak Vietnamese. */
export function labelEnumFilters<T extends { displayedFilters: Filter[] }>(args: T): T {
  return {
    ...args,
    displayedFilters: args.displayedFilters.map((f) => {
      if (f.type !== 'enumeration' || f.name === '__status' || f.input || !f.options?.length) return f;
      const values = f.options.map((o) => (typeof o === 'string' ? o : o.value));
      const table = labelsFor(undefined, f.name, values);
      if (!table) return f;
      return { ...f, options: values.map((value) => ({ value, label: enumLabel(table, value) })), input: EnumerationFilterInput };
    }),
  };
}

export function registerEnumLabels(app: StrapiApp): void {
  app.addFields({
    type: 'enumeration',
    Component: EnumerationInput,
  });
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelEnumColumns);
  app.registerHook('Admin/CM/pages/ListView/inject-in-filters', labelEnumFilters);
}
