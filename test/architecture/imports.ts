import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** Source files by repository path (`src/app.ts`), with their text. */
export type SourceTree = ReadonlyMap<string, string>;

/** One import (or `export … from`, `import type`, `import()`, `require()`) of one file. */
export interface ImportEdge {
  /** The importing file, as a repository path. */
  readonly from: string;
  /** What the file wrote. */
  readonly specifier: string;
  /** The imported file as a repository path (`src/storage/connect.ts`), or the package (`kysely`, `node:fs`). */
  readonly target: string;
  readonly kind: 'file' | 'package';
}

/** A broken rule; `key` ("file → import", or "cycle: …") names it in KNOWN_VIOLATIONS. */
export interface Violation {
  readonly key: string;
  readonly detail: string;
}

/** Every .ts file under the given folders of the repository at `root`, read. */
export function readTree(root: string, folders: readonly string[]): SourceTree {
  const tree = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        tree.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return new Map([...tree].sort(([a], [b]) => a.localeCompare(b)));
}

const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names: `pg/lib/x` → `pg`, `@scope/pkg/x` → `@scope/pkg`, `fs` → `node:fs`. */
export function packageOf(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.split('/')[0]!;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? `node:${name}` : name;
}

/** The file a relative specifier resolves to in the tree (as the bundler resolution of tsconfig.json does). */
function resolveLocal(tree: SourceTree, from: string, specifier: string): string {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const withoutJs = base.replace(/\.(c|m)?js$/, '');
  const candidates = [base, `${withoutJs}.ts`, `${withoutJs}.tsx`, `${base}/index.ts`];
  return candidates.find((candidate) => tree.has(candidate)) ?? base;
}

/** Every import of every file, type-only ones included (read by TypeScript's own scanner, not by a regex). */
export function importsOf(tree: SourceTree): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [from, text] of [...tree].sort(([a], [b]) => a.localeCompare(b))) {
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const local = specifier.startsWith('.');
      edges.push({
        from,
        specifier,
        target: local ? resolveLocal(tree, from, specifier) : packageOf(specifier),
        kind: local ? 'file' : 'package',
      });
    }
  }
  return edges;
}

/**
 * Whether a path falls under a scope: a folder (`src/db/`, ending in a slash), one file (`src/storage/connect.ts`),
 * or a pattern whose `*` stands for any part of one name (each feature's parsers: `parse-*.ts` in any feature).
 */
export function within(path: string, scope: string): boolean {
  if (scope.includes('*')) {
    const pattern = scope
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*');
    return new RegExp(`^${pattern}${scope.endsWith('/') ? '' : '$'}`).test(path);
  }
  return scope.endsWith('/') ? path.startsWith(scope) : path === scope;
}

/** The layer a file belongs to: its top folder under src/ (`src/telegram`), migrations, or a file at src/'s top. */
export function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : path;
  return parts[0]!;
}

/** The rules, as data; layers.test.ts holds the real ones. */
export interface LayerRules {
  /** Package → the only scopes that may import it. A package listed nowhere may be imported by no file. */
  readonly packageOwners: Readonly<Record<string, readonly string[]>>;
  /**
   * Scope → the only scopes its files may import. Every file must fall under one (a new folder gets its rule);
   * a file under several keeps all of them (a parser inside a feature imports only what a parser may).
   */
  readonly allowedImports: Readonly<Record<string, readonly string[]>>;
  /** Files nothing may import, and that need no importer (everything else nothing imports is dead). */
  readonly entryPoints: readonly string[];
  /**
   * Folders whose subfolders are modules (`src/features/`): from outside a module, only its `index.ts` may be
   * imported, which exports what others may use.
   */
  readonly modules: readonly string[];
  /** Files of a module others may import besides its index (a contract shared with code outside the server). */
  readonly publicFiles?: readonly string[];
}

const edgeKey = (edge: ImportEdge) => `${edge.from} → ${edge.target}`;

/** The module a path lies in under one of the module folders (`src/features/tally/`), if any. */
function moduleOf(path: string, modules: readonly string[]): string | undefined {
  for (const folder of modules) {
    if (!path.startsWith(folder)) continue;
    const name = path.slice(folder.length).split('/')[0]!;
    // A file directly in the folder (src/features/use-case.ts) belongs to no module.
    if (path.slice(folder.length).includes('/')) return `${folder}${name}/`;
  }
  return undefined;
}

/**
 * Imports that break a package owner, an allowed-imports, an entry-point or a module rule, one per file and
 * target; and files in no scope of the allowed imports (`unplaced: …`) or that nothing imports (`orphan: …`).
 */
export function ruleViolations(
  edges: readonly ImportEdge[],
  rules: LayerRules,
  files: Iterable<string> = [],
): Violation[] {
  const found = new Map<string, Violation>();
  const add = (edge: ImportEdge, why: string) => {
    const key = edgeKey(edge);
    if (!found.has(key)) found.set(key, { key, detail: `${key} (import '${edge.specifier}'): ${why}` });
  };
  for (const edge of edges) {
    if (edge.kind === 'package') {
      const owners = rules.packageOwners[edge.target] ?? [];
      if (!owners.some((scope) => within(edge.from, scope)))
        add(
          edge,
          owners.length > 0 ? `only ${owners.join(', ')} may import ${edge.target}` : 'no rule names this package',
        );
      continue;
    }
    for (const [scope, allowed] of Object.entries(rules.allowedImports)) {
      if (within(edge.from, scope) && !allowed.some((target) => within(edge.target, target)))
        add(edge, `${scope} may import only ${allowed.join(', ')}`);
    }
    if (rules.entryPoints.includes(edge.target)) add(edge, `${edge.target} is an entry point`);
    const module = moduleOf(edge.target, rules.modules);
    if (
      module &&
      moduleOf(edge.from, rules.modules) !== module &&
      edge.target !== `${module}index.ts` &&
      !rules.publicFiles?.includes(edge.target)
    )
      add(edge, `from outside ${module}, import its index.ts`);
  }
  const imported = new Set(edges.filter((edge) => edge.kind === 'file').map((edge) => edge.target));
  for (const file of files) {
    if (!Object.keys(rules.allowedImports).some((scope) => within(file, scope)))
      found.set(`unplaced: ${file}`, {
        key: `unplaced: ${file}`,
        detail: `${file} falls under no allowedImports rule`,
      });
    if (!imported.has(file) && !rules.entryPoints.includes(file))
      found.set(`orphan: ${file}`, { key: `orphan: ${file}`, detail: `${file} is imported by nothing` });
  }
  return [...found.values()];
}

/** Strongly connected components with more than one node (or a node importing itself), by Tarjan's algorithm. */
function cyclicComponents(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest path from `start` back to itself inside one component (breadth first, neighbours in order). */
function cycleThrough(graph: ReadonlyMap<string, ReadonlySet<string>>, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path: string[] = [];
        for (let at = node; at !== start; at = cameFrom.get(at)!) path.unshift(at);
        return [start, ...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * Import cycles between files and between layers (a file's layer is `layerOf`): `cycle: a, b` lists the members of
 * each cycle (a strongly connected component), and the detail walks one cycle, naming the imports that close it.
 */
export function cycleViolations(edges: readonly ImportEdge[]): Violation[] {
  const local = edges.filter((edge) => edge.kind === 'file');
  const violations: Violation[] = [];
  const graphOf = (nodeOf: (path: string) => string) => {
    const graph = new Map<string, Set<string>>();
    const witnesses = new Map<string, ImportEdge>();
    for (const edge of local) {
      const [from, to] = [nodeOf(edge.from), nodeOf(edge.target)];
      if (nodeOf === layerOf && from === to) continue;
      const targets = graph.get(from) ?? new Set<string>();
      graph.set(from, targets.add(to));
      if (!witnesses.has(`${from}\n${to}`)) witnesses.set(`${from}\n${to}`, edge);
    }
    return { graph, witnesses };
  };
  for (const [level, nodeOf] of [
    ['files', (path: string) => path],
    ['layers', layerOf],
  ] as const) {
    const { graph, witnesses } = graphOf(nodeOf);
    for (const component of cyclicComponents(graph)) {
      const path = cycleThrough(graph, component);
      const steps = path.slice(1).map((to, i) => witnesses.get(`${path[i]}\n${to}`)!);
      const how = level === 'layers' ? ` (${steps.map((step) => `${step.from} → ${step.target}`).join('; ')})` : '';
      violations.push({
        key: `cycle: ${component.join(', ')}`,
        detail: `import cycle between ${level}: ${path.join(' → ')}${how}`,
      });
    }
  }
  return violations;
}

/** Every violation of the rules and every cycle, in a stable order. */
export const violationsOf = (tree: SourceTree, rules: LayerRules): Violation[] => {
  const edges = importsOf(tree);
  return [...ruleViolations(edges, rules, tree.keys()), ...cycleViolations(edges)];
};
