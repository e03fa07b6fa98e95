// Schema validation of a compose file, as compose-go does it: xeipuuv/gojsonschema v1.2.0
// (validation.go, result.go) running the compose spec (compose-spec.ts), then compose-go's choice
// of the one error to print (schema/schema.go getMostSpecificError). Only the keywords the spec
// uses are implemented: type, $ref, properties, patternProperties, additionalProperties, items,
// oneOf, enum, required, uniqueItems, minimum, maximum. The score bookkeeping is gojsonschema's:
// it decides which branch of a failed oneOf has its errors reported.
//
// gojsonschema walks Go maps, so where several errors exist their order (and so the one printed)
// can vary between real runs; here mappings are walked in file order.

import { isYamlMap, type YamlValue } from '../yaml.ts';

export interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: YamlValue[];
  required?: string[];
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  definitions?: Record<string, SchemaNode>;
  [other: string]: unknown;
}

type ErrorType = 'invalid_type' | 'number_one_of' | 'additional_property_not_allowed' | 'required' | 'enum' | 'unique' | 'number_gte' | 'number_lte';

interface ResultError {
  type: ErrorType;
  /** The JSON context, `(root).services.app`. */
  context: string;
  description: string;
  expected?: string;
}

class Result {
  errors: ResultError[] = [];
  score = 0;
  add(type: ErrorType, context: string, description: string, expected?: string): void {
    this.errors.push({ type, context, description, expected });
    this.score -= 2;
  }
  merge(other: Result): void {
    this.errors.push(...other.errors);
    this.score += other.score;
  }
}

const ROOT = '(root)';

function field(context: string): string {
  return context.startsWith(ROOT + '.') ? context.slice(ROOT.length + 1) : context;
}

function typesOf(s: SchemaNode): string[] {
  if (s.type === undefined) return [];
  return Array.isArray(s.type) ? s.type : [s.type];
}

function typesString(types: string[]): string {
  return types.length > 1 ? `[${types.join(',')}]` : types[0];
}

/** Go's json.Marshal of a decoded value, for enum and uniqueItems comparisons. */
function marshal(v: YamlValue | undefined): string {
  if (isYamlMap(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${marshal(v[k])}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(marshal).join(',')}]`;
  return JSON.stringify(v ?? null);
}

class Validator {
  private readonly patterns = new Map<string, RegExp>();
  constructor(private readonly root: SchemaNode) {}

  private resolve(ref: string): SchemaNode {
    const name = ref.replace(/^#\/definitions\//, '');
    const target = this.root.definitions?.[name];
    if (!target) throw new Error(`compose schema: unknown reference ${ref}`);
    return target;
  }

  private regex(p: string): RegExp {
    let r = this.patterns.get(p);
    if (!r) {
      r = new RegExp(p, 'u');
      this.patterns.set(p, r);
    }
    return r;
  }

  sub(s: SchemaNode, node: YamlValue, ctx: string): Result {
    const r = new Result();
    this.recursive(s, node, r, ctx);
    return r;
  }

  recursive(s: SchemaNode, node: YamlValue, r: Result, ctx: string): void {
    if (s.$ref !== undefined) {
      this.recursive(this.resolve(s.$ref), node, r, ctx);
      return;
    }
    const types = typesOf(s);
    const typed = types.length > 0;
    const fail = (given: string): void => r.add('invalid_type', ctx, `Invalid type. Expected: ${typesString(types)}, given: ${given}`, typesString(types));
    if (node === null) {
      if (typed && !types.includes('null')) return fail('null');
      this.schema(s, node, r, ctx);
      this.common(s, node, r, ctx);
    } else if (typeof node === 'number') {
      const isInt = Number.isInteger(node);
      if (typed && !(types.includes('number') || (isInt && types.includes('integer')))) return fail(isInt ? 'integer' : 'number');
      this.schema(s, node, r, ctx);
      this.number(s, node, r, ctx);
      this.common(s, node, r, ctx);
    } else if (Array.isArray(node)) {
      if (typed && !types.includes('array')) return fail('array');
      this.schema(s, node, r, ctx);
      this.array(s, node, r, ctx);
      this.common(s, node, r, ctx);
    } else if (isYamlMap(node)) {
      if (typed && !types.includes('object')) return fail('object');
      this.schema(s, node, r, ctx);
      this.object(s, node, r, ctx);
      this.common(s, node, r, ctx);
      for (const [name, child] of Object.entries(s.properties ?? {})) {
        if (name in node) this.recursive(child, node[name], r, `${ctx}.${name}`);
      }
    } else if (typeof node === 'boolean') {
      if (typed && !types.includes('boolean')) return fail('boolean');
      this.schema(s, node, r, ctx);
      this.common(s, node, r, ctx);
    } else {
      if (typed && !types.includes('string')) return fail('string');
      this.schema(s, node, r, ctx);
      this.common(s, node, r, ctx);
      r.score++; // validateString
    }
    r.score++;
  }

  private schema(s: SchemaNode, node: YamlValue, r: Result, ctx: string): void {
    if (s.oneOf && s.oneOf.length > 0) {
      let validated = 0;
      let best: Result | undefined;
      for (const option of s.oneOf) {
        const res = this.sub(option, node, ctx);
        if (res.errors.length === 0) validated++;
        else if (validated === 0 && (best === undefined || res.score > best.score)) best = res;
      }
      if (validated !== 1) {
        r.add('number_one_of', ctx, 'Must validate one and only one schema (oneOf)');
        if (validated === 0 && best) r.merge(best);
      }
    }
    r.score++;
  }

  private common(s: SchemaNode, node: YamlValue, r: Result, ctx: string): void {
    if (s.enum && s.enum.length > 0) {
      const allowed = s.enum.map((e) => marshal(e));
      if (!allowed.includes(marshal(node))) r.add('enum', ctx, `{{field}} must be one of the following: ${allowed.join(', ')}`);
    }
    r.score++;
  }

  private number(s: SchemaNode, n: number, r: Result, ctx: string): void {
    if (s.maximum !== undefined && n > s.maximum) r.add('number_lte', ctx, `Must be less than or equal to ${s.maximum}`);
    if (s.minimum !== undefined && n < s.minimum) r.add('number_gte', ctx, `Must be greater than or equal to ${s.minimum}`);
    r.score++;
  }

  private array(s: SchemaNode, list: YamlValue[], r: Result, ctx: string): void {
    if (s.items !== undefined && !Array.isArray(s.items)) {
      const item = s.items;
      list.forEach((v, i) => r.merge(this.sub(item, v, `${ctx}.${i}`)));
    } else if (Array.isArray(s.items)) {
      const items = s.items;
      for (let i = 0; i < items.length && i < list.length; i++) r.merge(this.sub(items[i], list[i], `${ctx}.${i}`));
    }
    if (s.uniqueItems) {
      const seen = new Map<string, number>();
      list.forEach((v, j) => {
        const key = marshal(v);
        const i = seen.get(key);
        if (i !== undefined) r.add('unique', ctx, `array items[${i},${j}] must be unique`);
        seen.set(key, j);
      });
    }
    r.score++;
  }

  private object(s: SchemaNode, map: Record<string, YamlValue>, r: Result, ctx: string): void {
    for (const req of s.required ?? []) {
      if (req in map) r.score++;
      else r.add('required', ctx, `${req} is required`);
    }
    for (const key of Object.keys(map)) {
      const found = s.properties !== undefined && key in s.properties;
      let matched = false;
      for (const [pattern, child] of Object.entries(s.patternProperties ?? {})) {
        if (this.regex(pattern).test(key)) {
          matched = true;
          r.merge(this.sub(child, map[key], `${ctx}.${key}`));
        }
      }
      if (matched) r.score++;
      if (!found && !matched) {
        const ap = s.additionalProperties;
        if (ap === false) r.add('additional_property_not_allowed', ctx, `Additional property ${key} is not allowed`);
        else if (typeof ap === 'object') r.merge(this.sub(ap, map[key], `${ctx}.${key}`));
      }
    }
    r.score++;
  }
}

function humanReadableType(definition: string): string {
  if (definition.startsWith('[')) {
    const all = definition.slice(1, -1).split(',').map(humanReadableType);
    return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
  }
  if (definition === 'object') return 'mapping';
  if (definition === 'array') return 'list';
  return definition;
}

function describe(e: ResultError): string {
  // gojsonschema fills {{.field}} when it formats the error; enum is the only message using it.
  return e.description.replace('{{field}}', field(e.context));
}

/** schema.Validate: undefined when valid, else compose's one-line error (`services.app.image must be a string`). */
export function validateAgainstSchema(root: SchemaNode, doc: YamlValue): string | undefined {
  const v = new Validator(root);
  const r = new Result();
  v.recursive(root, doc, r, ROOT);
  if (r.errors.length === 0) return undefined;
  const errors = r.errors;
  const specificity = (e: ResultError): number => field(e.context).split('.').length;
  let most = 0;
  errors.forEach((e, i) => {
    if (specificity(e) > specificity(errors[most])) {
      most = i;
      return;
    }
    if (specificity(e) === specificity(errors[most]) && e.type === 'invalid_type' && errors[most].type !== 'invalid_type') most = i;
  });
  const parent = errors[most];
  const child = most + 1 < errors.length && parent.type === 'number_one_of' ? errors[most + 1] : undefined;
  let description: string;
  if (parent.type === 'invalid_type' && parent.expected) description = `must be a ${humanReadableType(parent.expected)}`;
  else if (parent.type === 'number_one_of') description = describe(child ?? parent);
  else description = describe(parent);
  return `${field(parent.context)} ${description}`;
}
