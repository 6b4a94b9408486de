// Turns what a person types into an FTS5 expression that can never be a syntax error: every word and phrase
// is a quoted string (FTS5 tokenizes inside the quotes), so operators, column names and punctuation are text.

export const MAX_QUERY_CHARS = 1000;
export const MAX_TERMS = 32;
const MIN_PREFIX_CHARS = 2;

export interface QueryTerm {
  text: string;
  phrase: boolean;
  prefix: boolean;
  negated: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** The FTS5 MATCH expression, or undefined when nothing searchable was typed. */
  expression?: string;
  /** True when the input was longer than we search (characters or terms). */
  truncated: boolean;
}

const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const TOKEN_CHARS = /[\p{L}\p{N}\p{Co}]/gu;

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function termExpression(term: QueryTerm): string {
  return quote(term.text) + (term.prefix ? ' *' : '');
}

/** Words are AND-ed, "quoted phrases" are phrases, a trailing * makes a prefix, a leading - excludes a word. */
export function parseSearchQuery(input: string): ParsedQuery {
  let truncated = input.length > MAX_QUERY_CHARS;
  const text = input.slice(0, MAX_QUERY_CHARS).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const terms: QueryTerm[] = [];
  const pattern = /(-?)"([^"]*)("?\*?)|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[4] !== undefined) {
      let word = match[4];
      let negated = false;
      if (word.startsWith('-') && word.length > 1) {
        negated = true;
        word = word.slice(1);
      }
      const prefix = /\*+$/.test(word);
      word = word.replace(/\*+$/, '');
      if (!TOKEN_CHAR.test(word)) continue;
      const tokenCount = word.match(TOKEN_CHARS)?.length ?? 0;
      terms.push({ text: word, phrase: false, prefix: prefix && tokenCount >= MIN_PREFIX_CHARS, negated });
    } else {
      const body = match[2] ?? '';
      if (!TOKEN_CHAR.test(body)) continue;
      terms.push({
        text: body.trim(),
        phrase: true,
        prefix: (match[3] ?? '').endsWith('*'),
        negated: match[1] === '-',
      });
    }
  }
  if (terms.length > MAX_TERMS) {
    terms.length = MAX_TERMS;
    truncated = true;
  }
  const positive = terms.filter((t) => !t.negated);
  const negative = terms.filter((t) => t.negated);
  if (positive.length === 0) return { terms, truncated };
  let expression = positive.map(termExpression).join(' AND ');
  if (negative.length > 0) {
    expression = `(${expression}) NOT (${negative.map(termExpression).join(' OR ')})`;
  }
  return { terms, expression, truncated };
}

/** The same expression restricted to the given FTS5 columns (used to find title hits). */
export function restrictToColumns(expression: string, columns: readonly string[]): string {
  return `{${columns.join(' ')}} : (${expression})`;
}
