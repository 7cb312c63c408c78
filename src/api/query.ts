// Read access to a request's query string with moby's conventions: a
// missing value reads as "", booleans as httputils.BoolValue.
export class Query {
  readonly #params: URLSearchParams | undefined;

  constructor(raw: string) {
    this.#params = raw === '' ? undefined : new URLSearchParams(raw);
  }

  /** The first value of `name`, or "" when absent. */
  get(name: string): string {
    return this.#params?.get(name) ?? '';
  }

  /** Every value of a repeated parameter, in order. */
  all(name: string): string[] {
    return this.#params?.getAll(name) ?? [];
  }

  has(name: string): boolean {
    return this.#params?.has(name) ?? false;
  }

  /** False for "", "0", "no", "false" and "none" (any case, trimmed); true otherwise. */
  bool(name: string): boolean {
    switch (this.get(name).trim().toLowerCase()) {
      case '':
      case '0':
      case 'no':
      case 'false':
      case 'none':
        return false;
      default:
        return true;
    }
  }

  /** `bool(name)`, or `fallback` when the parameter is absent. */
  boolOr(name: string, fallback: boolean): boolean {
    return this.has(name) ? this.bool(name) : fallback;
  }
}
