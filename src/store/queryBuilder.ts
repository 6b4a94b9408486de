import { StoreError } from './errors';
import { invalid } from './validate';

// A typed SELECT builder over the store's tables. Table and column names come only from the allow-list below
// (checked at compile time through the row types, and again at run time for callers that bypass the types);
// every value is a bound parameter.

export interface TableRows {
  journeys: {
    id: string;
    input: string;
    status: string;
    settings: string;
    created_at: number;
    updated_at: number;
  };
  stages: {
    seq: number;
    id: string;
    journey_id: string;
    type: string;
    status: string;
    prompt: string | null;
    result: string | null;
    thinking: string | null;
    created_at: number;
    updated_at: number | null;
  };
  artifacts: {
    seq: number;
    id: string;
    stage_id: string;
    type: string;
    title: string;
    content: string;
    metadata: string | null;
    created_at: number;
    updated_at: number | null;
  };
}

export type TableName = keyof TableRows;
export type ColumnOf<T extends TableName> = keyof TableRows[T] & string;

export const TABLE_COLUMNS: { readonly [T in TableName]: readonly ColumnOf<T>[] } = {
  journeys: ['id', 'input', 'status', 'settings', 'created_at', 'updated_at'],
  stages: [
    'seq',
    'id',
    'journey_id',
    'type',
    'status',
    'prompt',
    'result',
    'thinking',
    'created_at',
    'updated_at',
  ],
  artifacts: ['seq', 'id', 'stage_id', 'type', 'title', 'content', 'metadata', 'created_at', 'updated_at'],
};

export const COMPARISON_OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'LIKE'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type Direction = 'ASC' | 'DESC';

export type Scalar = string | number | bigint | null;
export type QueryRunner = (sql: string, params: readonly Scalar[]) => unknown[];

interface Condition {
  sql: string;
  params: Scalar[];
}

export const MAX_QUERY_LIMIT = 10_000;

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'bigint'].includes(typeof value);
}

export class QueryBuilder<T extends TableName> {
  private readonly conditions: Condition[] = [];
  private readonly orderings: Array<{ column: ColumnOf<T>; direction: Direction }> = [];
  private limitValue?: number;
  private offsetValue?: number;

  constructor(
    private readonly table: T,
    private readonly runner?: QueryRunner,
  ) {
    if (!Object.hasOwn(TABLE_COLUMNS, table)) {
      throw invalid(
        `Unknown table "${String(table)}"; expected one of ${Object.keys(TABLE_COLUMNS).join(', ')}.`,
      );
    }
  }

  private column(name: unknown): ColumnOf<T> {
    const allowed = TABLE_COLUMNS[this.table] as readonly string[];
    if (typeof name !== 'string' || !allowed.includes(name)) {
      throw invalid(
        `Unknown column ${JSON.stringify(name)} for table ${this.table}; expected one of ${allowed.join(', ')}.`,
      );
    }
    return name as ColumnOf<T>;
  }

  where<C extends ColumnOf<T>>(field: C, operator: ComparisonOperator, value: TableRows[T][C]): this;
  where<C extends ColumnOf<T>>(
    field: C,
    operator: 'IN' | 'NOT IN',
    value: ReadonlyArray<TableRows[T][C]>,
  ): this;
  where(field: string, operator: string, value: unknown): this {
    const column = this.column(field);
    if (operator === 'IN' || operator === 'NOT IN') {
      if (!Array.isArray(value) || !value.every(isScalar)) {
        throw invalid(`${operator} needs a list of values for ${column}.`);
      }
      // An empty IN list matches nothing (and NOT IN everything), instead of being a syntax error.
      if (value.length === 0) {
        this.conditions.push({ sql: operator === 'IN' ? '0' : '1', params: [] });
      } else {
        const placeholders = value.map(() => '?').join(', ');
        this.conditions.push({ sql: `"${column}" ${operator} (${placeholders})`, params: value });
      }
      return this;
    }
    if (!(COMPARISON_OPERATORS as readonly string[]).includes(operator)) {
      throw invalid(
        `Unknown operator ${JSON.stringify(operator)}; expected one of ${COMPARISON_OPERATORS.join(', ')}, IN, NOT IN.`,
      );
    }
    if (!isScalar(value)) throw invalid(`The value compared with ${column} must be text, a number or null.`);
    if (value === null && operator !== '=' && operator !== '!=') {
      throw invalid(`Only = and != can compare ${column} with null.`);
    }
    if (value === null) {
      this.conditions.push({ sql: `"${column}" IS ${operator === '=' ? '' : 'NOT '}NULL`, params: [] });
    } else {
      const escape = operator === 'LIKE' ? " ESCAPE '\\'" : '';
      this.conditions.push({ sql: `"${column}" ${operator} ?${escape}`, params: [value] });
    }
    return this;
  }

  order(field: ColumnOf<T>, direction: Direction = 'ASC'): this {
    if (direction !== 'ASC' && direction !== 'DESC') throw invalid(`Sort direction must be ASC or DESC.`);
    this.orderings.push({ column: this.column(field), direction });
    return this;
  }

  limit(value: number): this {
    this.limitValue = this.count(value, 'limit');
    return this;
  }

  offset(value: number): this {
    this.offsetValue = this.count(value, 'offset');
    return this;
  }

  private count(value: unknown, what: string): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw invalid(`${what} must be a whole number of 0 or more; got ${String(value)}.`);
    }
    if (what === 'limit' && value > MAX_QUERY_LIMIT)
      throw invalid(`limit must be at most ${MAX_QUERY_LIMIT}.`);
    return value;
  }

  build(): { sql: string; params: Scalar[] } {
    let sql = `SELECT * FROM "${this.table}"`;
    const params: Scalar[] = [];
    if (this.conditions.length > 0) {
      sql += ` WHERE ${this.conditions.map((c) => c.sql).join(' AND ')}`;
      for (const c of this.conditions) params.push(...c.params);
    }
    if (this.orderings.length > 0) {
      sql += ` ORDER BY ${this.orderings.map((o) => `"${o.column}" ${o.direction}`).join(', ')}`;
    }
    if (this.limitValue !== undefined || this.offsetValue !== undefined) {
      sql += ' LIMIT ?';
      params.push(this.limitValue ?? -1);
    }
    if (this.offsetValue !== undefined) {
      sql += ' OFFSET ?';
      params.push(this.offsetValue);
    }
    return { sql, params };
  }

  /** Runs the query on the store it came from (`store.select(table)`). */
  all(): Array<TableRows[T]> {
    if (!this.runner) throw new StoreError('INVALID_INPUT', 'This query builder is not attached to a store.');
    const { sql, params } = this.build();
    return this.runner(sql, params) as Array<TableRows[T]>;
  }
}
