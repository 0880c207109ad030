/**
 * A small, dependency-free XML scanner (internal to @qfcn/data): enough of XML 1.0 to read annotation
 * files such as Aperio ImageScope's. It reports start and end tags with their attributes (any order,
 * single or double quotes, the five predefined entities and character references decoded); it skips
 * the declaration, processing instructions, comments, CDATA, DOCTYPE and text. It checks that tags
 * nest and close, that attributes are well-formed and unique, and that there is exactly one root
 * element; anything else calls `fail` with the line number.
 */

export interface XmlHandlers {
  /** A start tag (or an empty-element tag, then `selfClosing`); `depth` 0 is the root. */
  open(name: string, attributes: Map<string, string>, selfClosing: boolean, line: number, depth: number): void;
  /** The end of an element (also called right after `open` for an empty-element tag). */
  close(name: string, line: number, depth: number): void;
}

const NAME = /[A-Za-z_:][\w.:\u00b7\u00c0-\uffff-]*/y;
const SPACE = /[ \t\r\n]*/y;

export function scanXml(text: string, handlers: XmlHandlers, fail: (message: string) => never): void {
  const stack: string[] = [];
  let roots = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (pos: number): number => {
    for (let k = counted; k < pos; k++) if (text.charCodeAt(k) === 10) line++;
    counted = Math.max(counted, pos);
    return line;
  };
  const bad = (pos: number, problem: string): never => fail(`malformed XML at line ${lineAt(pos)}: ${problem}`);
  const skipTo = (from: number, end: string, what: string): number => {
    const k = text.indexOf(end, from);
    if (k < 0) bad(from, `unterminated ${what}`);
    return k + end.length;
  };
  const name = (pos: number): string | null => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    return m ? m[0] : null;
  };
  const space = (pos: number): number => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    return SPACE.lastIndex;
  };

  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (stack.length === 0 && chunk.trim().length > 0) bad(i + chunk.search(/\S/), 'text outside the root element');
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = skipTo(lt + 4, '-->', 'comment');
    } else if (text.startsWith('<?', lt)) {
      i = skipTo(lt + 2, '?>', 'processing instruction');
    } else if (text.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) bad(lt, 'CDATA outside the root element');
      i = skipTo(lt + 9, ']]>', 'CDATA section');
    } else if (text.startsWith('<!', lt)) {
      const close = text.indexOf('>', lt);
      const open = text.indexOf('[', lt);
      i =
        open >= 0 && (close < 0 || open < close)
          ? skipTo(skipTo(open, ']', 'DOCTYPE'), '>', 'DOCTYPE')
          : skipTo(lt, '>', 'declaration');
    } else if (text[lt + 1] === '/') {
      const tag = name(lt + 2);
      if (!tag) bad(lt, 'an end tag without a name');
      const end = space(lt + 2 + tag!.length);
      if (text[end] !== '>') bad(end, `</${tag}> is not closed by '>'`);
      const open = stack.pop();
      if (open === undefined) bad(lt, `</${tag}> without a matching start tag`);
      if (open !== tag) bad(lt, `</${tag}> closes <${open}>`);
      handlers.close(tag!, lineAt(lt), stack.length);
      i = end + 1;
    } else {
      const tag = name(lt + 1);
      if (!tag) bad(lt, `'<' not followed by a tag name`);
      if (stack.length === 0 && roots++ > 0) bad(lt, `a second root element <${tag}>`);
      const attributes = new Map<string, string>();
      let k = lt + 1 + tag!.length;
      let selfClosing = false;
      for (;;) {
        const before = k;
        k = space(k);
        if (text.startsWith('/>', k)) {
          selfClosing = true;
          k += 2;
          break;
        }
        if (text[k] === '>') {
          k += 1;
          break;
        }
        if (k >= text.length) bad(lt, `<${tag}> is not closed`);
        if (k === before) bad(k, `expected whitespace, '>' or '/>' in <${tag}>`);
        const attr = name(k);
        if (!attr) bad(k, `unexpected ${JSON.stringify(text[k])} in <${tag}>`);
        k = space(k + attr!.length);
        if (text[k] !== '=') bad(k, `attribute ${attr} of <${tag}> has no '='`);
        k = space(k + 1);
        const quote = text[k]!;
        if (quote !== '"' && quote !== "'") bad(k, `attribute ${attr} of <${tag}> is not quoted`);
        const end = text.indexOf(quote, k + 1);
        if (end < 0) bad(k, `attribute ${attr} of <${tag}> is not terminated`);
        const raw = text.slice(k + 1, end);
        if (raw.includes('<')) bad(k, `'<' inside attribute ${attr} of <${tag}>`);
        if (attributes.has(attr!)) bad(k, `attribute ${attr} repeated in <${tag}>`);
        attributes.set(
          attr!,
          decode(raw, () => bad(k, `unknown entity in attribute ${attr} of <${tag}>`)),
        );
        k = end + 1;
      }
      const at = lineAt(lt);
      handlers.open(tag!, attributes, selfClosing, at, stack.length);
      if (selfClosing) handlers.close(tag!, at, stack.length);
      else stack.push(tag!);
      i = k;
    }
  }
  if (stack.length > 0) bad(text.length, `<${stack[stack.length - 1]}> is never closed (the file ends early)`);
  if (roots === 0) fail('malformed XML: no root element');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, unknown: () => never): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (_match, ref: string | undefined) => {
    if (ref === undefined) return unknown();
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : unknown();
    }
    return ENTITIES[ref] ?? unknown();
  });
}
