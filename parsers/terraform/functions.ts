/**
 * Terraform's built-in functions that matter for IAM: the ones that shape strings, lists and maps, and the
 * ones that read policy text (`file`, `templatefile`, `jsonencode`, `jsondecode`). Strings keep their source
 * pieces through `join`, `format`, `replace` and friends, so JSON built that way still maps back to the file.
 * Any other function gives an unknown. `file` and `templatefile` read only inside the linted tree.
 */
import { append } from './append.js';
import type { Location } from '../../src/model/location.js';
import type { Evaluator, Scope } from './eval.js';
import {
  asText,
  equalVals,
  isKnown,
  isSeg,
  numText,
  parseJsonInString,
  strText,
  unknown,
  type ObjEntry,
  type StrPart,
  type StrVal,
  type Val,
} from './values.js';

type Fn = (ev: Evaluator, args: Val[], loc: Location, text: string, sc: Scope) => Val;

const syn = (text: string): StrPart => ({ text, ctx: null, off: 0 });
const str = (text: string, loc: Location): StrVal => ({ k: 'str', parts: text ? [syn(text)] : [], loc });
const list = (items: Val[], loc: Location): Val => ({ k: 'list', items, loc });

/** The first unknown among the arguments, as the result (keeping an error flag). */
function unknownArg(args: Val[], text: string, loc: Location): Val | undefined {
  for (const a of args) if (a.k === 'unk') return unknown(text, loc, a.err ? { err: true } : undefined);
  return undefined;
}

function unkPart(u: Extract<Val, { k: 'unk' }>): StrPart {
  const p: StrPart = { unk: u.text, loc: u.loc };
  if (u.ref) p.ref = u.ref;
  if (u.hint) p.hint = u.hint;
  return p;
}

/** A string argument as parts (primitives converted), or undefined. */
function strParts(v: Val): StrPart[] | undefined {
  if (v.k === 'str') return v.parts;
  if (v.k === 'num') return [syn(numText(v.v))];
  if (v.k === 'bool') return [syn(v.v ? 'true' : 'false')];
  return undefined;
}

function asList(v: Val): Val[] | undefined {
  return v.k === 'list' ? v.items : undefined;
}

/** Applies a text transformation segment by segment when it cannot cross segments; otherwise on the whole text. */
function mapText(v: StrVal, f: (s: string) => string, loc: Location): Val {
  const whole = strText(v);
  if (whole === undefined) {
    // Unknown parts: transform the known pieces (lower/upper keep unknown parts unknown).
    return { k: 'str', parts: v.parts.map((p) => (isSeg(p) ? syn(f(p.text)) : p)), loc };
  }
  const out = f(whole);
  return out === whole ? { ...v, loc } : str(out, loc);
}

function replaceParts(v: StrVal, search: string, repl: StrPart[], loc: Location): Val {
  if (!search) return { ...v, loc };
  const whole = strText(v);
  const count = (s: string): number => s.split(search).length - 1;
  const perSeg = v.parts.reduce((n, p) => n + (isSeg(p) ? count(p.text) : 0), 0);
  if (whole !== undefined && count(whole) !== perSeg) {
    // A match spans pieces: replace on the whole text (positions inside are lost).
    const replText = repl.every(isSeg) ? repl.map((p) => (p as { text: string }).text).join('') : undefined;
    if (replText === undefined) return unknown(`replace(...)`, loc);
    return str(whole.split(search).join(replText), loc);
  }
  const out: StrPart[] = [];
  for (const p of v.parts) {
    if (!isSeg(p)) {
      out.push(p);
      continue;
    }
    const pieces = p.text.split(search);
    if (pieces.length === 1) {
      out.push(p);
      continue;
    }
    let off = p.off;
    pieces.forEach((piece, i) => {
      if (i > 0) {
        append(out, repl);
        off += search.length;
      }
      if (piece) out.push({ text: piece, ctx: p.ctx, off });
      off += piece.length;
    });
  }
  return { k: 'str', parts: out, loc };
}

function regexReplace(v: StrVal, pattern: string, replacement: string, loc: Location, text: string): Val {
  const whole = strText(v);
  if (whole === undefined) return unknown(text, loc);
  let re: RegExp;
  try {
    re = new RegExp(pattern.slice(1, -1), 'g');
  } catch {
    return unknown(text, loc, { err: true });
  }
  // Terraform writes capture references as $1 or ${1}; JavaScript understands both forms as $1.
  return str(whole.replace(re, replacement.replace(/\$\{(\d+)\}/g, '$$$1')), loc);
}

function formatString(fmt: StrVal, args: Val[], loc: Location, text: string): Val {
  const f = strText(fmt);
  if (f === undefined) return unknown(text, loc);
  const out: StrPart[] = [];
  let ai = 0;
  let i = 0;
  let lit = '';
  const flushLit = (): void => {
    if (lit) out.push(syn(lit));
    lit = '';
  };
  while (i < f.length) {
    const ch = f[i] as string;
    if (ch !== '%') {
      lit += ch;
      i++;
      continue;
    }
    const m = /^%(\[\d+\])?([-+# 0]*)(\d*)(\.\d+)?([a-zA-Z%])/.exec(f.slice(i));
    if (!m) return unknown(text, loc);
    i += m[0].length;
    const verb = m[5] as string;
    if (verb === '%') {
      lit += '%';
      continue;
    }
    if (m[1]) ai = Number(m[1].slice(1, -1)) - 1;
    const a = args[ai++];
    if (!a) return unknown(text, loc, { err: true });
    flushLit();
    if (a.k === 'unk') {
      const u: StrPart = { unk: a.text, loc: a.loc };
      if (a.ref) u.ref = a.ref;
      if (a.hint) u.hint = a.hint;
      out.push(u);
      continue;
    }
    switch (verb) {
      case 's':
      case 'v': {
        const p = strParts(a);
        if (!p) return unknown(text, loc);
        append(out, p);
        break;
      }
      case 'q': {
        const t = asText(a);
        if (t === undefined) return unknown(text, loc);
        out.push(syn(JSON.stringify(t)));
        break;
      }
      case 'd':
        if (a.k !== 'num') return unknown(text, loc);
        out.push(syn(String(Math.trunc(a.v))));
        break;
      case 'f':
      case 'g':
      case 'e': {
        if (a.k !== 'num') return unknown(text, loc);
        const prec = m[4] ? Number(m[4].slice(1)) : 6;
        out.push(syn(verb === 'f' ? a.v.toFixed(prec) : String(a.v)));
        break;
      }
      case 't':
        if (a.k !== 'bool') return unknown(text, loc);
        out.push(syn(a.v ? 'true' : 'false'));
        break;
      default:
        return unknown(text, loc);
    }
  }
  flushLit();
  return { k: 'str', parts: out, loc };
}

/** Items of several lists, an unknown list kept as one unknown item (so known items still count). */
function spliceLists(ev: Evaluator, lists: Val[], loc: Location, text: string): Val {
  const items: Val[] = [];
  for (const l of lists) {
    if (l.k === 'list') append(items, l.items);
    else if (l.k === 'unk') items.push(l);
    else return unknown(text, loc, { err: true });
  }
  ev.work(items.length);
  return list(items, loc);
}

function distinctItems(items: Val[]): Val[] {
  const out: Val[] = [];
  for (const i of items) if (!out.some((o) => equalVals(o, i) === true)) out.push(i);
  return out;
}

function flattenItems(ev: Evaluator, items: Val[], out: Val[], depth: number): boolean {
  if (depth > 64) return false;
  for (const i of items) {
    ev.work(1);
    if (i.k === 'list') {
      if (!flattenItems(ev, i.items, out, depth + 1)) return false;
    } else out.push(i);
  }
  return true;
}

const FUNCTIONS: Record<string, Fn> = {
  jsonencode(_ev, [v], loc, text) {
    if (!v) return unknown(text, loc, { err: true });
    if (v.k === 'unk') return unknown(text, loc, v.err ? { err: true } : undefined);
    return { k: 'str', parts: [{ emb: v }], loc };
  },
  jsondecode(ev, [v], loc, text) {
    if (!v || v.k !== 'str') return unknown(text, loc, v?.k === 'unk' && !v.err ? undefined : { err: true });
    if (v.parts.length === 1 && 'emb' in (v.parts[0] as StrPart)) return (v.parts[0] as { emb: Val }).emb;
    const r = parseJsonInString(v);
    if (!r.value || r.errors.length) {
      if (strText(v) !== undefined) for (const e of r.errors.slice(0, 1)) ev.host.note(`jsondecode: ${e.message}`, e.loc);
      return unknown(text, loc, strText(v) !== undefined ? { err: true } : undefined);
    }
    return r.value;
  },
  file(ev, [p], loc, text) {
    const path = p && asText(p);
    if (path === undefined) return unknown(text, loc, p?.k === 'unk' && !p.err ? undefined : { err: true });
    const r = ev.host.readFile(path, loc);
    if ('message' in r) {
      ev.host.note(r.message, loc);
      return unknown(text, loc, { err: true });
    }
    return { k: 'str', parts: r.ctx.text ? [{ text: r.ctx.text, ctx: r.ctx, off: 0 }] : [], loc };
  },
  templatefile(ev, [p, vars], loc, text, sc) {
    const path = p && asText(p);
    if (path === undefined) return unknown(text, loc);
    const r = ev.host.readFile(path, loc);
    if ('message' in r) {
      ev.host.note(r.message, loc);
      return unknown(text, loc, { err: true });
    }
    const tpl = ev.host.parseTemplate(r.ctx);
    if (!tpl) return unknown(text, loc, { err: true });
    const names = new Map<string, Val>();
    if (vars?.k === 'obj') for (const e of vars.entries) names.set(e.key, e.value);
    else if (vars && vars.k !== 'null') return unknown(text, loc);
    const v = ev.eval(tpl, { mod: sc.mod, names, isolated: true }, r.ctx);
    return { ...v, loc } as Val;
  },
  format(_ev, [fmt, ...rest], loc, text) {
    if (!fmt || fmt.k !== 'str') return unknown(text, loc);
    return formatString(fmt, rest, loc, text);
  },
  formatlist(ev, [fmt, ...rest], loc, text) {
    if (!fmt || fmt.k !== 'str') return unknown(text, loc);
    const n = rest.reduce((m, a) => (a.k === 'list' ? Math.max(m, a.items.length) : m), -1);
    if (n < 0 || rest.some((a) => a.k === 'unk')) return unknown(text, loc);
    ev.work(n);
    const items: Val[] = [];
    for (let i = 0; i < n; i++) items.push(formatString(fmt, rest.map((a) => (a.k === 'list' ? (a.items[i] ?? unknown(text, loc, { err: true })) : a)), loc, text));
    return list(items, loc);
  },
  join(ev, [sep, ...lists], loc, text) {
    const s = sep && strParts(sep);
    if (!s) return unknown(text, loc);
    const u = unknownArg(lists, text, loc);
    if (u) return u;
    const out: StrPart[] = [];
    let first = true;
    for (const l of lists) {
      const items = asList(l);
      if (!items) return unknown(text, loc, { err: true });
      ev.work(items.length);
      for (const i of items) {
        if (!first) append(out, s);
        first = false;
        if (i.k === 'unk') {
          const part: StrPart = { unk: i.text, loc: i.loc };
          if (i.ref) part.ref = i.ref;
          out.push(part);
          continue;
        }
        const p = strParts(i);
        if (!p) return unknown(text, loc, { err: true });
        append(out, p);
      }
    }
    return { k: 'str', parts: out, loc };
  },
  split(ev, [sep, s], loc, text) {
    const a = sep && asText(sep);
    const b = s && asText(s);
    if (a === undefined || b === undefined) return unknown(text, loc);
    const pieces = b.split(a);
    ev.work(pieces.length);
    return list(pieces.map((p) => str(p, loc)), loc);
  },
  concat(ev, args, loc, text) {
    return spliceLists(ev, args, loc, text);
  },
  setunion(ev, args, loc, text) {
    const v = spliceLists(ev, args, loc, text);
    return v.k === 'list' ? list(distinctItems(v.items), loc) : v;
  },
  merge(ev, args, loc, text) {
    const u = unknownArg(args, text, loc);
    if (u) return u;
    const entries: ObjEntry[] = [];
    for (const a of args) {
      if (a.k === 'null') continue;
      if (a.k !== 'obj') return unknown(text, loc, { err: true });
      ev.work(a.entries.length);
      for (const e of a.entries) {
        const at = entries.findIndex((x) => x.key === e.key);
        if (at >= 0) entries[at] = e;
        else entries.push(e);
      }
    }
    return { k: 'obj', entries, loc };
  },
  flatten(ev, [l], loc, text) {
    if (!l) return unknown(text, loc, { err: true });
    if (l.k === 'unk') return unknown(text, loc, l.err ? { err: true } : undefined);
    if (l.k !== 'list') return unknown(text, loc, { err: true });
    const out: Val[] = [];
    if (!flattenItems(ev, l.items, out, 0)) return unknown(text, loc);
    return list(out, loc);
  },
  distinct(ev, [l], loc, text) {
    if (!l || l.k !== 'list') return unknown(text, loc, l?.k === 'unk' && !l.err ? undefined : { err: true });
    ev.work(l.items.length * 4);
    return list(distinctItems(l.items), loc);
  },
  compact(ev, [l], loc, text) {
    if (!l || l.k !== 'list') return unknown(text, loc, l?.k === 'unk' && !l.err ? undefined : { err: true });
    ev.work(l.items.length);
    return list(l.items.filter((i) => i.k !== 'null' && !(i.k === 'str' && i.parts.length === 0)), loc);
  },
  lookup(_ev, [m, key, def], loc, text) {
    const k = key && asText(key);
    if (!m || m.k === 'unk' || k === undefined) return unknown(text, loc, m?.k === 'unk' && m.err ? { err: true } : undefined);
    if (m.k !== 'obj') return unknown(text, loc, { err: true });
    const e = m.entries.find((x) => x.key === k);
    if (e) return e.value;
    return def ?? unknown(text, loc, { err: true });
  },
  element(_ev, [l, idx], loc, text) {
    if (!l || !idx || l.k !== 'list' || idx.k !== 'num' || l.items.length === 0) return unknown(text, loc, l?.k === 'list' && l.items.length === 0 ? { err: true } : undefined);
    return l.items[Math.floor(idx.v) % l.items.length] as Val;
  },
  coalesce(_ev, args, loc, text) {
    for (const a of args) {
      if (a.k === 'unk') return unknown(text, loc);
      if (a.k === 'null' || (a.k === 'str' && a.parts.length === 0)) continue;
      return a;
    }
    return unknown(text, loc, { err: true });
  },
  coalescelist(_ev, args, loc, text) {
    for (const a of args) {
      if (a.k === 'unk') return unknown(text, loc);
      if (a.k === 'list' && a.items.length > 0) return a;
    }
    return unknown(text, loc, { err: true });
  },
  tolist(_ev, [v], loc, text) {
    return v && (v.k === 'list' || v.k === 'unk') ? v : unknown(text, loc, { err: true });
  },
  toset(ev, [v], loc, text) {
    if (!v) return unknown(text, loc, { err: true });
    if (v.k !== 'list') return v.k === 'unk' ? v : unknown(text, loc, { err: true });
    ev.work(v.items.length * 4);
    return list(distinctItems(v.items), v.loc);
  },
  tomap(_ev, [v], loc, text) {
    return v && (v.k === 'obj' || v.k === 'unk') ? v : unknown(text, loc, { err: true });
  },
  tostring(_ev, [v], loc, text) {
    if (!v) return unknown(text, loc, { err: true });
    if (v.k === 'str' || v.k === 'unk' || v.k === 'null') return v;
    const t = asText(v);
    return t === undefined ? unknown(text, loc, { err: true }) : str(t, v.loc);
  },
  tonumber(_ev, [v], loc, text) {
    if (v?.k === 'num' || v?.k === 'unk') return v;
    const n = v && Number(asText(v));
    return n !== undefined && Number.isFinite(n) ? { k: 'num', v: n, loc } : unknown(text, loc, { err: true });
  },
  tobool(_ev, [v], loc, text) {
    if (v?.k === 'bool' || v?.k === 'unk') return v;
    const t = v && asText(v);
    return t === 'true' || t === 'false' ? { k: 'bool', v: t === 'true', loc } : unknown(text, loc, { err: true });
  },
  replace(_ev, [s, sub, rep], loc, text) {
    const search = sub && asText(sub);
    const repl = rep && (strParts(rep) ?? (rep.k === 'unk' ? [unkPart(rep)] : undefined));
    // Placeholders replaced in a policy document's JSON: still that document, with the replacement noted.
    if (s?.k === 'unk' && s.ref && /(^|\.)data\.aws_iam_policy_document\.[^.]+$/.test(s.ref.address) && search && repl && !(search.startsWith('/') && search.endsWith('/'))) {
      return { ...s, text, loc, xf: [...(s.xf ?? []), { search, repl }] };
    }
    if (!s || !sub || !rep || s.k !== 'str') return unknown(text, loc, s?.k === 'unk' && !s.err ? undefined : { err: true });
    if (search === undefined || !repl) return unknown(text, loc);
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
      const r = asText(rep);
      return r === undefined ? unknown(text, loc) : regexReplace(s, search, r, loc, text);
    }
    return replaceParts(s, search, repl, loc);
  },
  lower(_ev, [s], loc, text) {
    return s?.k === 'str' ? mapText(s, (t) => t.toLowerCase(), loc) : s?.k === 'unk' ? unknown(text, loc) : unknown(text, loc, { err: true });
  },
  upper(_ev, [s], loc, text) {
    return s?.k === 'str' ? mapText(s, (t) => t.toUpperCase(), loc) : s?.k === 'unk' ? unknown(text, loc) : unknown(text, loc, { err: true });
  },
  trimspace(_ev, [s], loc, text) {
    if (s?.k !== 'str') return unknown(text, loc, s?.k === 'unk' ? undefined : { err: true });
    const parts = [...s.parts];
    const trim = (i: number, start: boolean): void => {
      const p = parts[i];
      if (!p || !isSeg(p)) return;
      const t = start ? p.text.replace(/^\s+/, '') : p.text.replace(/\s+$/, '');
      const off = start ? p.off + (p.text.length - t.length) : p.off;
      if (t) parts[i] = { text: t, ctx: p.ctx, off };
      else {
        parts.splice(i, 1);
        trim(start ? i : i - 1, start);
      }
    };
    trim(0, true);
    trim(parts.length - 1, false);
    return { k: 'str', parts, loc };
  },
  chomp(_ev, [s], loc, text) {
    const t = s && asText(s);
    return t === undefined ? unknown(text, loc) : s?.k === 'str' && !/[\r\n]$/.test(t) ? s : str(t.replace(/[\r\n]+$/, ''), loc);
  },
  trimprefix(_ev, [s, p], loc, text) {
    const t = s && asText(s);
    const q = p && asText(p);
    return t === undefined || q === undefined ? unknown(text, loc) : str(t.startsWith(q) ? t.slice(q.length) : t, loc);
  },
  trimsuffix(_ev, [s, p], loc, text) {
    const t = s && asText(s);
    const q = p && asText(p);
    return t === undefined || q === undefined ? unknown(text, loc) : str(q && t.endsWith(q) ? t.slice(0, -q.length) : t, loc);
  },
  startswith(_ev, [s, p], loc, text) {
    const t = s && asText(s);
    const q = p && asText(p);
    return t === undefined || q === undefined ? unknown(text, loc) : { k: 'bool', v: t.startsWith(q), loc };
  },
  endswith(_ev, [s, p], loc, text) {
    const t = s && asText(s);
    const q = p && asText(p);
    return t === undefined || q === undefined ? unknown(text, loc) : { k: 'bool', v: t.endsWith(q), loc };
  },
  length(_ev, [v], loc, text) {
    if (!v) return unknown(text, loc, { err: true });
    if (v.k === 'list') return { k: 'num', v: v.items.length, loc };
    if (v.k === 'obj') return { k: 'num', v: v.entries.length, loc };
    const t = asText(v);
    return t === undefined ? unknown(text, loc, v.k === 'unk' && !v.err ? undefined : { err: true }) : { k: 'num', v: [...t].length, loc };
  },
  keys(_ev, [m], loc, text) {
    if (!m || m.k !== 'obj') return unknown(text, loc, m?.k === 'unk' && !m.err ? undefined : { err: true });
    return list([...m.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => str(e.key, e.keyLoc)), loc);
  },
  values(_ev, [m], loc, text) {
    if (!m || m.k !== 'obj') return unknown(text, loc, m?.k === 'unk' && !m.err ? undefined : { err: true });
    return list([...m.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => e.value), loc);
  },
  contains(_ev, [l, v], loc, text) {
    if (!l || !v || l.k !== 'list' || !isKnown(v)) return unknown(text, loc);
    if (l.items.some((i) => equalVals(i, v) === true)) return { k: 'bool', v: true, loc };
    return l.items.every(isKnown) ? { k: 'bool', v: false, loc } : unknown(text, loc);
  },
  one(_ev, [l], loc, text) {
    if (!l || l.k !== 'list') return unknown(text, loc);
    if (l.items.length === 0) return { k: 'null', loc };
    return l.items.length === 1 ? (l.items[0] as Val) : unknown(text, loc, { err: true });
  },
  zipmap(_ev, [ks, vs], loc, text) {
    if (!ks || !vs || ks.k !== 'list' || vs.k !== 'list') return unknown(text, loc);
    const entries: ObjEntry[] = [];
    for (let i = 0; i < ks.items.length; i++) {
      const kv = ks.items[i] as Val;
      const key = asText(kv);
      const value = vs.items[i];
      if (key === undefined || !value) return unknown(text, loc);
      entries.push({ key, keyLoc: kv.loc, value });
    }
    return { k: 'obj', entries, loc };
  },
  sort(_ev, [l], loc, text) {
    if (!l || l.k !== 'list') return unknown(text, loc);
    const keyed = l.items.map((i) => [asText(i), i] as const);
    if (keyed.some(([k]) => k === undefined)) return unknown(text, loc);
    return list([...keyed].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)).map(([, i]) => i), loc);
  },
  reverse(_ev, [l], loc, text) {
    return l?.k === 'list' ? list([...l.items].reverse(), loc) : unknown(text, loc);
  },
  substr(_ev, [s, off, len], loc, text) {
    const t = s && asText(s);
    if (t === undefined || off?.k !== 'num' || len?.k !== 'num') return unknown(text, loc);
    const chars = [...t];
    const start = off.v < 0 ? chars.length + off.v : off.v;
    return str(chars.slice(start, len.v < 0 ? undefined : start + len.v).join(''), loc);
  },
};

export function callFunction(ev: Evaluator, name: string, args: Val[], loc: Location, text: string, sc: Scope): Val {
  const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!f) return unknown(text, loc);
  return f(ev, args, loc, text, sc);
}

export const SUPPORTED_FUNCTIONS: readonly string[] = ['try', 'can', ...Object.keys(FUNCTIONS)].sort();
