// Reading the daemon's JSON, which is `unknown` until looked at: each
// reader returns the field, or Go's zero value when it is absent or of
// another type (as encoding/json leaves a Go struct field).
export type Json = Record<string, unknown>;

export const object = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const string = (v: unknown): string => (typeof v === 'string' ? v : '');
export const number = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const boolean = (v: unknown): boolean => v === true;
export const strings = (v: unknown): string[] => list(v).filter((s): s is string => typeof s === 'string');
