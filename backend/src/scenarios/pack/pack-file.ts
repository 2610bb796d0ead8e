import { type Document, isNode, type LineCounter } from 'yaml';

/** A problem in a pack file, pointed at its file, line, column and field. */
export interface PackError {
  file: string;
  line: number;
  column: number;
  /** dotted field path inside the file, e.g. `injects[3].to[0]` */
  path: string;
  /** in English: what the CLI prints and what a client without a message for `code` shows */
  message: string;
  /**
   * what went wrong, for a client to word in its own language (`packError.<code>` in the editor's
   * messages): `schema.*` from the pack schema's checks (zod issue codes), the others the loader's
   * own checks. Absent on errors made before errors had codes.
   */
  code?: string;
  /** what fills the code's message in: ids, field names, numbers, as written in the pack */
  params?: PackErrorParams;
}

/** A plain object (the error crosses process boundaries as JSON): strings and numbers only. */
export type PackErrorParams = Record<string, string | number>;

/** Where each inject came from, so cross-reference errors can point at the right file and line. */
export interface InjectOrigin {
  file: ParsedFile;
  index: number;
}

export class ParsedFile {
  constructor(
    readonly displayPath: string,
    readonly doc: Document.Parsed,
    readonly lines: LineCounter,
  ) {}

  /** Line/column of the node at `path`, falling back to the nearest existing parent. */
  locate(path: readonly (string | number)[]): { line: number; column: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = this.lines.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
      // for a key whose value is missing, point at the key of the parent pair
    }
    return { line: 1, column: 1 };
  }

  error(path: readonly (string | number)[], message: string, code?: string, params: PackErrorParams = {}): PackError {
    return {
      file: this.displayPath,
      ...this.locate(path),
      path: formatPath(path),
      message,
      ...(code ? { code, params } : {}),
    };
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}
