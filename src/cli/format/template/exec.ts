// Executes a parsed template the way Go's text/template does
// (text/template/exec.go): field and map lookups, function calls with Go's
// argument checks, pipelines, variables, if/range/with, and the same error
// messages ("executing \"\" at <.Foo>: can't evaluate field Foo in type ...").
import { GoMap, GoNil, GoStruct, type GoValue, formatValue, isPlainMap, mapKeys, typeName } from '../go-value.js';
import { FunctionError, type FuncMap, type GoFunction, type ParamType, isTrue, paramTypeNames } from './functions.js';
import {
  type ChainNode,
  type CommandNode,
  type ListNode,
  type Node,
  type Operand,
  type PipeNode,
  type VariableNode,
  nodeString,
} from './nodes.js';
import { TemplateError, location } from './template-error.js';

/** What a missing map key yields: Go's default ("<no value>") or missingkey=error. */
export type MissingKey = 'invalid' | 'error';

const breakSignal = Symbol('break');
const continueSignal = Symbol('continue');
type Signal = typeof breakSignal | typeof continueSignal | undefined;

/** Marks "no final argument" in a pipeline (Go's missingVal). */
const missing = Symbol('missing');
type Final = GoValue | typeof missing;

export class Executor {
  private vars: { name: string; value: GoValue }[] = [];
  private node: Operand | CommandNode | undefined;
  private readonly out: string[] = [];

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly funcs: FuncMap,
    private readonly missingKey: MissingKey,
  ) {}

  run(root: ListNode, data: GoValue): string {
    this.vars = [{ name: '$', value: data }];
    this.walk(data, root);
    return this.out.join('');
  }

  private fail(message: string): never {
    const partial = this.out.join('');
    if (this.node === undefined) throw new TemplateError(`template: ${this.name}: ${message}`, partial);
    const where = `${this.name}${location(this.text, this.node.pos)}`;
    throw new TemplateError(`template: ${where}: executing "${this.name}" at <${nodeString(this.node)}>: ${message}`, partial);
  }

  private walk(dot: GoValue, node: Node): Signal {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return undefined;
      case 'action': {
        const value = this.pipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(printable(value));
        return undefined;
      }
      case 'list':
        for (const n of node.nodes) {
          const signal = this.walk(dot, n);
          if (signal) return signal;
        }
        return undefined;
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.pipeline(dot, node.pipe);
        let signal: Signal;
        if (isTrue(value)) signal = this.walk(node.kind === 'with' ? value : dot, node.list);
        else if (node.elseList) signal = this.walk(dot, node.elseList);
        this.vars.length = mark;
        return signal;
      }
      case 'range':
        return this.range(dot, node);
      case 'break':
        return breakSignal;
      case 'continue':
        return continueSignal;
    }
  }

  private range(dot: GoValue, node: { pipe: PipeNode; list: ListNode; elseList: ListNode | undefined }): Signal {
    const outer = this.vars.length;
    const value = this.pipeline(dot, node.pipe);
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const entries = this.rangeEntries(value, decl.length);
    for (const [index, elem] of entries) {
      // With `$i, $e :=` the first variable gets the index or key, the last the element.
      if (decl.length > 0) this.setRangeVar(decl[decl.length - 1] as VariableNode, node.pipe.isAssign, 1, elem);
      if (decl.length > 1) this.setRangeVar(decl[0] as VariableNode, node.pipe.isAssign, 2, index);
      const signal = this.walk(elem, node.list);
      this.vars.length = mark;
      if (signal === breakSignal) break;
    }
    if (entries.length === 0 && node.elseList) this.walk(dot, node.elseList);
    this.vars.length = outer;
    return undefined;
  }

  private setRangeVar(v: VariableNode, isAssign: boolean, fromTop: number, value: GoValue): void {
    if (isAssign) this.setVar(v.ident[0] as string, value);
    else (this.vars[this.vars.length - fromTop] as { value: GoValue }).value = value;
  }

  private rangeEntries(value: GoValue, decl: number): [GoValue, GoValue][] {
    if (Array.isArray(value)) return value.map((e, i) => [i, e]);
    if (value instanceof GoMap) return mapKeys(value).map((k) => [k, value.entries[k]]);
    if (isPlainMap(value)) return mapKeys(value).map((k) => [k, value[k]]);
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (decl > 1) this.fail(`can't use ${value} to iterate over more than one variable`);
      return Array.from({ length: Math.max(value, 0) }, (_, i) => [i, i]);
    }
    if (value === undefined || value instanceof GoNil) return [];
    return this.fail(`range can't iterate over ${formatValue(value)}`);
  }

  private pipeline(dot: GoValue, pipe: PipeNode): GoValue {
    let value: Final = missing;
    for (const cmd of pipe.cmds) {
      value = this.command(dot, cmd, value);
      // An interface{} holding nil is "no value" from here on.
      if (value === null) value = undefined;
    }
    const result = value === missing ? undefined : value;
    for (const v of pipe.decl) {
      const name = v.ident[0] as string;
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as { name: string; value: GoValue };
      if (v.name === name) {
        v.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as { name: string; value: GoValue };
      if (v.name === name) return v.value;
    }
    this.fail(`undefined variable: ${name}`);
  }

  private command(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0] as Operand;
    switch (first.kind) {
      case 'field':
        this.node = first;
        return this.fieldChain(dot, dot, first.ident, cmd.args, final);
      case 'chain':
        return this.chain(dot, first, cmd.args, final);
      case 'identifier':
        return this.callFunction(dot, first.ident, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.pipeline(dot, first);
      case 'variable': {
        const value = this.varValue(first.ident[0] as string);
        if (first.ident.length === 1) {
          this.notAFunction(cmd.args, final);
          return value;
        }
        this.node = first;
        return this.fieldChain(dot, value, first.ident.slice(1), cmd.args, final);
      }
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.fail('nil is not a command');
      // falls through (fail never returns)
      case 'number':
        return first.float;
      case 'string':
        return first.text;
    }
  }

  private notAFunction(args: Operand[], final: Final): void {
    if (args.length > 1 || final !== missing) this.fail(`can't give argument to non-function ${nodeString(args[0] as Operand)}`);
  }

  private chain(dot: GoValue, chain: ChainNode, args: Operand[], final: Final): GoValue {
    this.node = chain;
    if (chain.node.kind === 'nil') this.fail(`indirection through explicit nil in ${nodeString(chain)}`);
    // Go reports a failing field on the node evaluated last inside the chain.
    const receiver = this.arg(dot, 'any', chain.node);
    return this.fieldChain(dot, receiver, chain.field, args, final);
  }

  private fieldChain(dot: GoValue, receiver: GoValue, ident: string[], args: Operand[], final: Final): GoValue {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.field(ident[i] as string, [], missing, receiver);
    return this.field(ident[ident.length - 1] as string, args, final, receiver);
  }

  private field(name: string, args: Operand[], final: Final, receiver: GoValue): GoValue {
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.fail(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    const hasArgs = args.length > 1 || final !== missing;
    if (receiver === null) this.fail(`nil pointer evaluating interface {}.${name}`);
    if (receiver instanceof GoStruct) {
      const f = receiver.field(name);
      if (f) {
        if (hasArgs && receiver.methods) {
          this.fail(`wrong number of args for ${name}: want 0 got ${args.length - 1 + (final === missing ? 0 : 1)}`);
        }
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`);
        return f.value;
      }
    } else if (receiver instanceof GoMap || isPlainMap(receiver)) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`);
      const entries = receiver instanceof GoMap ? receiver.entries : receiver;
      if (Object.hasOwn(entries, name)) return entries[name];
      if (this.missingKey === 'error') this.fail(`map has no entry for key "${name}"`);
      return receiver instanceof GoMap ? receiver.zero : undefined;
    } else if (receiver instanceof GoNil) {
      if (receiver.kind === 'map') return undefined;
      if (receiver.kind === 'pointer') this.fail(`nil pointer evaluating ${receiver.typeName}.${name}`);
    }
    this.fail(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private callFunction(dot: GoValue, name: string, ident: Operand, cmd: CommandNode, args: Operand[], final: Final): GoValue {
    this.node = ident;
    const fn = this.funcs[name];
    if (!fn) this.fail(`"${name}" is not a defined function`);
    const given = args.slice(1);
    this.checkArity(name, fn, given.length + (final === missing ? 0 : 1), given.length);
    if (name === 'and' || name === 'or') return this.andOr(dot, name, given, final);
    const values: GoValue[] = given.map((a, i) => this.arg(dot, paramType(fn, i), a));
    if (final !== missing) values.push(this.validate(final, paramType(fn, given.length)));
    try {
      return fn.call(...values);
    } catch (err) {
      if (!(err instanceof FunctionError)) throw err;
      this.node = cmd;
      return this.fail(`error calling ${name}: ${err.message}`);
    }
  }

  private checkArity(name: string, fn: GoFunction, count: number, given: number): void {
    if (fn.variadic !== undefined) {
      if (count < fn.params.length) this.fail(`wrong number of args for ${name}: want at least ${fn.params.length} got ${given}`);
    } else if (count !== fn.params.length) {
      this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${count}`);
    }
  }

  private andOr(dot: GoValue, name: 'and' | 'or', args: Operand[], final: Final): GoValue {
    let v: GoValue;
    for (const a of args) {
      v = this.arg(dot, 'value', a);
      if (isTrue(v) === (name === 'or')) return v;
    }
    return final === missing ? v : final;
  }

  /** Evaluates one argument for a parameter of Go type `type` (Go's evalArg). */
  private arg(dot: GoValue, type: ParamType, n: Operand): GoValue {
    this.node = n;
    switch (n.kind) {
      case 'dot':
        return this.validate(dot, type);
      case 'nil':
        if (type === 'any' || type === 'value' || type === '[]string') return type === '[]string' ? new GoNil('slice', '[]string') : null;
        return this.fail(`cannot assign nil to ${paramTypeNames[type]}`);
      case 'field':
        return this.validate(this.fieldChain(dot, dot, n.ident, [n], missing), type);
      case 'variable': {
        const value = this.varValue(n.ident[0] as string);
        return this.validate(n.ident.length === 1 ? value : this.fieldChain(dot, value, n.ident.slice(1), [], missing), type);
      }
      case 'pipe':
        return this.validate(this.pipeline(dot, n), type);
      case 'identifier':
        return this.validate(this.callFunction(dot, n.ident, n, { kind: 'command', pos: n.pos, args: [n] }, [n], missing), type);
      case 'chain':
        return this.validate(this.chain(dot, n, [], missing), type);
    }
    // A constant: Go converts it to the parameter's type or fails.
    switch (type) {
      case 'string':
        if (n.kind === 'string') return n.text;
        return this.fail(`expected string; found ${nodeString(n)}`);
      case 'int':
        if (n.kind === 'number' && n.int !== undefined) return n.int;
        return this.fail(`expected integer; found ${nodeString(n)}`);
      case 'bool':
        if (n.kind === 'bool') return n.value;
        return this.fail(`expected bool; found ${nodeString(n)}`);
      case '[]string':
        return this.fail(`can't handle ${nodeString(n)} for arg of type []string`);
      default:
        if (n.kind === 'number') return n.float;
        return n.kind === 'bool' ? n.value : n.text;
    }
  }

  /** Checks a computed value against a parameter type (Go's validateType). */
  private validate(value: GoValue, type: ParamType): GoValue {
    if (type === 'value' || type === 'any') return value;
    if (value === undefined || value === null) {
      if (type === '[]string') return new GoNil('slice', '[]string');
      return this.fail(`invalid value; expected ${paramTypeNames[type]}`);
    }
    const ok =
      (type === 'string' && typeof value === 'string') ||
      (type === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
      (type === 'bool' && typeof value === 'boolean') ||
      (type === '[]string' &&
        ((Array.isArray(value) && value.every((e) => typeof e === 'string')) || (value instanceof GoNil && value.kind === 'slice')));
    if (!ok) this.fail(`wrong type for value; expected ${paramTypeNames[type]}; got ${typeName(value)}`);
    return value;
  }
}

function paramType(fn: GoFunction, i: number): ParamType {
  return fn.params[i] ?? fn.variadic ?? 'any';
}

/** How the final value of an action prints ("<no value>" when there is none). */
function printable(value: GoValue): string {
  return value === undefined ? '<no value>' : formatValue(value);
}
