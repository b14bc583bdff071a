/** One module folder's configuration: its `.tf` / `.tf.json` files merged into the blocks Terraform sees. */
import type { Attr, Block, ConfigFile, SyntaxProblem } from './ast.js';

export interface ModuleConfig {
  /** Absolute folder path. */
  dir: string;
  files: ConfigFile[];
  variables: Map<string, Block>;
  locals: Map<string, Attr>;
  outputs: Map<string, Block>;
  resources: Block[];
  data: Block[];
  modules: Map<string, Block>;
  providers: Block[];
  /** Redefinitions across the folder's files (each file's own syntax problems stay on the file). */
  problems: SyntaxProblem[];
}

/** Merges files in the order Terraform reads them (by name); later definitions of the same name are reported. */
export function buildModuleConfig(dir: string, files: ConfigFile[]): ModuleConfig {
  const cfg: ModuleConfig = {
    dir,
    files: [...files].sort((a, b) => (a.ctx.abs < b.ctx.abs ? -1 : a.ctx.abs > b.ctx.abs ? 1 : 0)),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: [],
    data: [],
    modules: new Map(),
    providers: [],
    problems: [],
  };
  const seenResources = new Map<string, Block>();
  const redefined = (what: string, first: Block | Attr, again: Block | Attr): void => {
    const at = first.ctx.loc(first.s, first.s);
    const where = again.ctx === first.ctx ? `line ${at.line}` : `${first.ctx.rel}:${at.line}`;
    const span = 'ts' in again ? again.ctx.loc(again.s, again.te) : again.ctx.loc(again.ns, again.ne);
    cfg.problems.push({ message: `${what} is defined twice (first at ${where}); Terraform rejects the configuration`, loc: span });
  };
  for (const f of cfg.files) {
    for (const b of f.body.blocks) {
      const [l0, l1] = b.labels;
      switch (b.type) {
        case 'variable':
          if (l0 === undefined) break;
          if (cfg.variables.has(l0)) redefined(`variable "${l0}"`, cfg.variables.get(l0) as Block, b);
          else cfg.variables.set(l0, b);
          break;
        case 'output':
          if (l0 === undefined) break;
          if (cfg.outputs.has(l0)) redefined(`output "${l0}"`, cfg.outputs.get(l0) as Block, b);
          else cfg.outputs.set(l0, b);
          break;
        case 'module':
          if (l0 === undefined) break;
          if (cfg.modules.has(l0)) redefined(`module "${l0}"`, cfg.modules.get(l0) as Block, b);
          else cfg.modules.set(l0, b);
          break;
        case 'locals':
          for (const a of b.body.attrs) {
            const first = cfg.locals.get(a.name);
            if (first) {
              // A duplicate inside one block is already reported by the parser.
              if (!b.body.attrs.includes(first)) redefined(`local "${a.name}"`, first, a);
            } else cfg.locals.set(a.name, a);
          }
          break;
        case 'resource':
        case 'data': {
          if (l0 === undefined || l1 === undefined) break;
          const key = `${b.type} ${l0}.${l1}`;
          const first = seenResources.get(key);
          if (first) redefined(`${b.type === 'data' ? 'data.' : ''}${l0}.${l1}`, first, b);
          else seenResources.set(key, b);
          (b.type === 'data' ? cfg.data : cfg.resources).push(b);
          break;
        }
        case 'provider':
          cfg.providers.push(b);
          break;
        default:
          break;
      }
    }
  }
  return cfg;
}
