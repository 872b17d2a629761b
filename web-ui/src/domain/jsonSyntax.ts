// Where a JSON text first goes wrong. Browsers' JSON.parse messages differ and V8's no longer carry a position, so
// the schema editor finds the spot itself with this small recursive-descent scanner (RFC 8259 grammar).

export interface JsonSyntaxError {
  /** Character offset of the first error. */
  offset: number;
  /** 1-based line and column of that offset. */
  line: number;
  column: number;
  message: string;
}

class Scanner {
  private i = 0;

  constructor(private readonly s: string) {}

  /** The offset and reason of the first error, or undefined for valid JSON. */
  check(): { offset: number; message: string } | undefined {
    try {
      this.ws();
      this.value();
      this.ws();
      if (this.i < this.s.length) this.fail('unexpected text after the JSON value');
      return undefined;
    } catch (error) {
      if (error instanceof ScanError) return { offset: error.offset, message: error.message };
      throw error;
    }
  }

  private fail(message: string): never {
    throw new ScanError(this.i, message);
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  private expect(ch: string): void {
    if (this.s[this.i] !== ch) this.fail(this.i >= this.s.length ? `unexpected end, expected '${ch}'` : `expected '${ch}'`);
    this.i++;
  }

  private value(): void {
    const ch = this.s[this.i];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail(ch === undefined ? 'unexpected end, expected a value' : `unexpected '${ch}', expected a value`);
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a property name in double quotes');
      this.string();
      this.ws();
      this.expect(':');
      this.ws();
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      this.expect('}');
      return;
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      this.expect(']');
      return;
    }
  }

  private string(): void {
    this.i++;
    while (this.i < this.s.length) {
      const ch = this.s[this.i];
      if (ch === '"') {
        this.i++;
        return;
      }
      if (ch === '\\') {
        const next = this.s[this.i + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if (next !== undefined && '"\\/bfnrt'.includes(next)) this.i += 2;
        else this.fail('invalid escape in string');
      } else if (ch < ' ') {
        this.fail('control character in string (a line break must be written \\n)');
      } else {
        this.i++;
      }
    }
    this.fail('unterminated string');
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!match) this.fail('invalid number');
    this.i += match[0].length;
  }
}

class ScanError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function findJsonSyntaxError(source: string): JsonSyntaxError | undefined {
  const found = new Scanner(source).check();
  if (!found) return undefined;
  const before = source.slice(0, found.offset).split('\n');
  return { ...found, line: before.length, column: before[before.length - 1].length + 1 };
}
