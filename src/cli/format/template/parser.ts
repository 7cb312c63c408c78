// The parser of Go's text/template (text/template/parse/parse.go): the same
// grammar and the same error messages, minus {{define}}, {{template}} and
// {{block}}, which docker users do not put in --format.
import { quoteGo } from '../go-printf.js';
import { type Item, type ItemType, itemString, lex } from './lexer.js';
import type {
  ActionNode,
  BranchNode,
  CommandNode,
  ListNode,
  Node,
  NumberNode,
  Operand,
  PipeNode,
  VariableNode,
} from './nodes.js';
import { TemplateError } from './template-error.js';

/** A control node's end marker, returned by itemList. */
interface Marker {
  kind: 'end' | 'else';
  pos: number;
}

class Parser {
  private readonly items: Item[];
  private index = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    text: string,
    private readonly name: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.items = lex(text);
  }

  parse(): ListNode {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      const n = this.textOrAction();
      if (isMarker(n)) this.fail(`unexpected {{${n.kind}}}`);
      root.nodes.push(n);
    }
    return root;
  }

  // --- tokens

  private next(): Item {
    const item = this.items[this.index] as Item;
    if (this.index < this.items.length - 1) this.index++;
    else if (item.type === 'error') this.fail(item.val, item);
    return item;
  }

  private backup(n = 1): void {
    this.index -= n;
  }

  private peek(): Item {
    const item = this.items[this.index] as Item;
    if (item.type === 'error') this.fail(item.val, item);
    return item;
  }

  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    if (item.type === 'error') this.fail(item.val, item);
    return item;
  }

  private peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backupTo(item);
    return item;
  }

  private backupTo(item: Item): void {
    this.index = this.items.indexOf(item);
  }

  private expect(type: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== type) this.unexpected(item, context);
    return item;
  }

  private fail(message: string, at?: Item): never {
    const item = at ?? this.items[Math.max(this.index - 1, 0)] ?? (this.items[0] as Item);
    throw new TemplateError(`template: ${this.name}:${item.line}: ${message}`);
  }

  private unexpected(item: Item, context: string): never {
    if (item.type === 'error') this.fail(item.val, item);
    this.fail(`unexpected ${itemString(item)} in ${context}`, item);
  }

  // --- structure

  private textOrAction(): Node | Marker {
    const item = this.nextNonSpace();
    if (item.type === 'text') return { kind: 'text', pos: item.pos, text: item.val };
    if (item.type === 'leftDelim') return this.action();
    this.unexpected(item, 'input');
  }

  private action(): Node | Marker {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'break':
      case 'continue':
        return this.loopControl(item);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.control(item.type);
      case 'block':
      case 'define':
      case 'template':
        this.fail(`{{${item.type}}} is not supported`, item);
    }
    this.backup();
    const at = this.peek();
    const node: ActionNode = { kind: 'action', pos: at.pos, pipe: this.pipeline('command', 'rightDelim') };
    return node;
  }

  private loopControl(item: Item): Node {
    const name = item.type as 'break' | 'continue';
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${name}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${name}}} outside {{range}}`, item);
    return { kind: name, pos: item.pos };
  }

  private elseControl(): Marker {
    const peek = this.peekNonSpace();
    // "{{else if" and "{{else with" leave the keyword for control() to chain.
    if (peek.type === 'if' || peek.type === 'with') return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private control(context: 'if' | 'range' | 'with'): Node {
    const saved = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === 'else') {
      const chained = this.peek().type;
      if ((context === 'if' && chained === 'if') || (context === 'with' && chained === 'with')) {
        this.next();
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}.
        elseList = { kind: 'list', pos: next.pos, nodes: [this.control(context)] };
      } else {
        const [list2, end] = this.itemList();
        if (end.kind !== 'end') this.fail(`expected end; found {{${end.kind}}}`);
        elseList = list2;
      }
    }
    this.vars.length = saved;
    const branch: BranchNode = { pos: pipe.pos, pipe, list, elseList };
    return { kind: context, ...branch };
  }

  private itemList(): [ListNode, Marker] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (isMarker(n)) return [list, n];
      list.nodes.push(n);
    }
    this.fail('unexpected EOF');
  }

  // --- pipelines

  private pipeline(context: string, end: ItemType): PipeNode {
    const pipe: PipeNode = { kind: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const item = this.nextNonSpace();
      if (item.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (item.type) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(item, context);
      }
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') return;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable is the first operand.
      this.backupTo(v);
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const kind = c.args[0]?.kind;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.fail(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const item = this.next();
      if (item.type === 'space') continue;
      if (item.type === 'rightDelim' || item.type === 'rightParen') this.backup();
      else if (item.type !== 'pipe') this.unexpected(item, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  private operand(): Operand | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${quoteGo(termString(node))}`);
      // falls through (fail never returns)
      default:
        return { kind: 'chain', pos, node, field: fields };
    }
  }

  private term(): Operand | undefined {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'identifier':
        if (!this.hasFunction(item.val)) this.fail(`function ${quoteGo(item.val)} not defined`, item);
        return { kind: 'identifier', pos: item.pos, ident: item.val };
      case 'dot':
        return { kind: 'dot', pos: item.pos };
      case 'nil':
        return { kind: 'nil', pos: item.pos };
      case 'variable':
        return this.useVar(item);
      case 'field':
        return { kind: 'field', pos: item.pos, ident: [item.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: item.pos, value: item.val === 'true' };
      case 'charConstant':
      case 'number':
        return this.number(item);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: item.pos, quoted: item.val, text: unquote(item.val, () => this.fail('invalid syntax', item)) };
    }
    this.backup();
    return undefined;
  }

  private useVar(item: Item): VariableNode {
    const ident = item.val.split('.');
    if (!this.vars.includes(ident[0] as string)) this.fail(`undefined variable ${quoteGo(ident[0] as string)}`, item);
    return { kind: 'variable', pos: item.pos, ident };
  }

  private number(item: Item): NumberNode {
    const text = item.val;
    if (item.type === 'charConstant') {
      const ch = unquote(text, () => this.fail(`malformed character constant: ${text}`, item));
      return { kind: 'number', pos: item.pos, text, int: ch.codePointAt(0) ?? 0, float: ch.codePointAt(0) ?? 0 };
    }
    const int = parseGoInt(text);
    if (int !== undefined) return { kind: 'number', pos: item.pos, text, int, float: int };
    const clean = text.replace(/_/g, '');
    const float = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
    if (Number.isNaN(float)) this.fail(`illegal number syntax: ${quoteGo(text)}`, item);
    if (!/[.eEpP]/.test(text)) this.fail(`integer overflow: ${quoteGo(text)}`, item);
    return { kind: 'number', pos: item.pos, text, int: Number.isInteger(float) ? float : undefined, float };
  }
}

function isMarker(n: Node | Marker): n is Marker {
  return (n.kind === 'end' || n.kind === 'else') && !('pipe' in n);
}

function termString(node: Operand): string {
  switch (node.kind) {
    case 'string':
      return node.quoted;
    case 'number':
      return node.text;
    case 'bool':
      return String(node.value);
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

/** strconv.ParseInt(text, 0, 64): decimal, 0x, 0o, 0b, legacy octal, underscores. */
function parseGoInt(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  const body = (m[2] as string).replace(/_/g, '');
  let value: number;
  if (/^0[xXoObB]/.test(body)) value = Number(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body, 8);
  else value = Number(body);
  if (!Number.isSafeInteger(value)) return undefined;
  return m[1] === '-' ? -value : value;
}

/** strconv.Unquote for "...", `...` and '...'. */
function unquote(quoted: string, invalid: () => never): string {
  const quote = quoted[0];
  const body = quoted.slice(1, -1);
  if (quote === '`') return body.replace(/\r/g, '');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (e !== undefined && e in simple) {
      if ((e === "'" && quote === '"') || (e === '"' && quote === "'")) invalid();
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) invalid();
      out += e === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) invalid();
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      invalid();
    }
  }
  if (quote === "'" && [...out].length !== 1) invalid();
  return out;
}

/** Parses a template named `name`; `hasFunction` says which function names exist (Go checks at parse time). */
export function parseTemplate(text: string, name: string, hasFunction: (name: string) => boolean): ListNode {
  return new Parser(text, name, hasFunction).parse();
}
