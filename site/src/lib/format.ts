/**
 * Display helpers of the site on top of @cong/shared's labels and formatters: safe label lookup,
 * Vietnamese numbers, file sizes, processing times, administrative units.
 */
import { formatDate, PROCESSING_TIME_UNIT_LABELS, type ProcessingTimeUnit } from '@cong/shared';
import type { GqlProcessingTime } from './queries';

/** The label of an enum value, or `fallback` when the value is empty or unknown. */
export function label<K extends string>(labels: Record<K, string>, value: string | null | undefined, fallback = ''): string {
  if (!value) return fallback;
  return (labels as Record<string, string>)[value] ?? value;
}

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** A number the Vietnamese way: `6364.25` → `'6.364,25'`. `''` for null. */
export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? numberVi.format(n) : String(value);
}

/** A file size given in kilobytes (Strapi's `size`): `'245 KB'`, `'1,2 MB'`. */
export function formatFileSize(kb: number | null | undefined): string {
  if (kb === null || kb === undefined || !Number.isFinite(kb)) return '';
  if (kb < 1024) return `${formatNumber(Math.max(1, Math.round(kb)))} KB`;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

/** `formatDate` that never throws (a malformed value is shown as is). */
export function safeDate(value: string | null | undefined): string {
  try {
    return formatDate(value);
  } catch {
    return value ?? '';
  }
}

/**
 * The processing time as shown: the editor's full text when present, else number + unit
 * (`'15 ngày làm việc'`).
 */
export function processingTimeText(t: GqlProcessingTime | null | undefined): string {
  if (!t) return '';
  if (t.text && t.text.trim()) return t.text.trim();
  if (t.value === null || t.value === undefined) return '';
  const unit = t.unit ? (PROCESSING_TIME_UNIT_LABELS[t.unit as ProcessingTimeUnit] ?? t.unit) : '';
  return `${formatNumber(t.value)} ${unit}`.trim();
}

/** One commune-level administrative unit. */
export interface AdminUnit {
  code: string | null;
  name: string;
  type: string | null;
}

/**
 * Reads the commune-level units of a district from `agency.adminUnits` (JSON). Accepts the seed
 * import's shape `{ units: [{ code, name, type }] }`, a bare array of such objects, or an array
 * of names; anything else gives `[]`.
 */
export function communesOf(adminUnits: unknown): AdminUnit[] {
  const list: unknown[] = Array.isArray(adminUnits)
    ? adminUnits
    : adminUnits && typeof adminUnits === 'object' && Array.isArray((adminUnits as { units?: unknown }).units)
      ? (adminUnits as { units: unknown[] }).units
      : [];
  const out: AdminUnit[] = [];
  for (const u of list) {
    if (typeof u === 'string' && u.trim()) out.push({ code: null, name: u.trim(), type: null });
    else if (u && typeof u === 'object' && typeof (u as { name?: unknown }).name === 'string') {
      const o = u as { name: string; code?: unknown; type?: unknown };
      out.push({
        code: typeof o.code === 'string' || typeof o.code === 'number' ? String(o.code) : null,
        name: o.name,
        type: typeof o.type === 'string' ? o.type : null,
      });
    }
  }
  return out;
}

/** Date of the administrative-unit list in `agency.adminUnits` (`dataDate`), when given. */
export function adminUnitsDate(adminUnits: unknown): string | null {
  if (adminUnits && typeof adminUnits === 'object' && !Array.isArray(adminUnits)) {
    const d = (adminUnits as { dataDate?: unknown }).dataDate;
    if (typeof d === 'string' && d) return d;
  }
  return null;
}

/** One district-level unit of the province profile's `adminUnits.level2`. */
export interface ProvinceDistrict {
  code: string | null;
  name: string;
  type: string | null;
  level3Count: number | null;
}

/** Reads `provinceProfile.adminUnits.level2` (seed import shape); `[]` otherwise. */
export function provinceDistricts(adminUnits: unknown): ProvinceDistrict[] {
  const l2 = adminUnits && typeof adminUnits === 'object' ? (adminUnits as { level2?: unknown }).level2 : null;
  if (!Array.isArray(l2)) return [];
  return l2
    .filter((d): d is { name: string } => !!d && typeof d === 'object' && typeof (d as { name?: unknown }).name === 'string')
    .map((d) => {
      const o = d as { name: string; code?: unknown; type?: unknown; level3Count?: unknown; level3?: unknown };
      return {
        name: o.name,
        code: typeof o.code === 'string' ? o.code : null,
        type: typeof o.type === 'string' ? o.type : null,
        level3Count: typeof o.level3Count === 'number' ? o.level3Count : Array.isArray(o.level3) ? o.level3.length : null,
      };
    });
}
