// A parsed Go template, ready to execute on data (see ../go-value.ts).
import type { GoValue } from '../go-value.js';
import { Executor, type MissingKey } from './exec.js';
import type { FuncMap } from './functions.js';
import type { ListNode } from './nodes.js';
import { parseTemplate } from './parser.js';
import { TemplateError } from './template-error.js';

export interface ExecuteOptions {
  /** Functions to use instead of those the template was parsed with (same names). */
  funcs?: FuncMap;
  missingKey?: MissingKey;
}

export class Template {
  private constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly root: ListNode,
    private readonly funcs: FuncMap,
  ) {}

  /** Parses `text`; throws TemplateError with Go's message (which names the template, "" by default). */
  static parse(text: string, funcs: FuncMap, name = ''): Template {
    return new Template(name, text, parseTemplate(text, name, (fn) => Object.hasOwn(funcs, fn)), funcs);
  }

  /** Runs the template; throws TemplateError with Go's message and the output written before the error. */
  execute(data: GoValue, options: ExecuteOptions = {}): string {
    return new Executor(this.name, this.text, options.funcs ?? this.funcs, options.missingKey ?? 'invalid').run(this.root, data);
  }
}

export { TemplateError };
