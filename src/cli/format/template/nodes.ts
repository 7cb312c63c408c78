// The parse tree of a Go template (text/template/parse/node.go). Each node
// keeps its position, and prints back as Go prints it, since execution
// errors quote it: `executing "" at <.Foo>: ...`.

export type Node =
  | TextNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | BreakNode
  | ContinueNode
  | ListNode;

export type Operand =
  | FieldNode
  | VariableNode
  | DotNode
  | NilNode
  | IdentifierNode
  | StringNode
  | NumberNode
  | BoolNode
  | ChainNode
  | PipeNode;

export interface ListNode {
  kind: 'list';
  pos: number;
  nodes: Node[];
}
export interface TextNode {
  kind: 'text';
  pos: number;
  text: string;
}
export interface ActionNode {
  kind: 'action';
  pos: number;
  pipe: PipeNode;
}
export interface BranchNode {
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
export interface IfNode extends BranchNode {
  kind: 'if';
}
export interface RangeNode extends BranchNode {
  kind: 'range';
}
export interface WithNode extends BranchNode {
  kind: 'with';
}
export interface BreakNode {
  kind: 'break';
  pos: number;
}
export interface ContinueNode {
  kind: 'continue';
  pos: number;
}
export interface PipeNode {
  kind: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  kind: 'command';
  pos: number;
  args: Operand[];
}
export interface FieldNode {
  kind: 'field';
  pos: number;
  ident: string[];
}
export interface VariableNode {
  kind: 'variable';
  pos: number;
  ident: string[];
}
export interface DotNode {
  kind: 'dot';
  pos: number;
}
export interface NilNode {
  kind: 'nil';
  pos: number;
}
export interface IdentifierNode {
  kind: 'identifier';
  pos: number;
  ident: string;
}
export interface StringNode {
  kind: 'string';
  pos: number;
  /** As written, with quotes. */
  quoted: string;
  text: string;
}
export interface NumberNode {
  kind: 'number';
  pos: number;
  /** As written. */
  text: string;
  /** The value, when it is an integer. */
  int: number | undefined;
  float: number | undefined;
}
export interface BoolNode {
  kind: 'bool';
  pos: number;
  value: boolean;
}
export interface ChainNode {
  kind: 'chain';
  pos: number;
  node: Operand;
  field: string[];
}

/** The node as Go's String() prints it. */
export function nodeString(n: Operand | CommandNode | ActionNode): string {
  switch (n.kind) {
    case 'field':
      return '.' + n.ident.join('.');
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'identifier':
      return n.ident;
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'chain':
      return (n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + '.' + n.field.join('.');
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      const decl = n.decl.length > 0 ? n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ') : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
  }
}
