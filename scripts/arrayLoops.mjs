// An esbuild plugin for the engine's bundles (dist/cli.js, dist/cliWorker.js, dist/server.js):
// every `for (const x of xs)` whose `xs` the type checker knows to be an array or a tuple becomes an
// indexed loop,
//
//   for (let i = 0, a = xs; i < a.length; i++) { const x = a[i]; <the loop body> }
//
// Why: a CLI run is short, and most of the engine's code runs in V8's interpreter and baseline
// compiler, which do not optimise the iterator protocol away — each step of an array for-of there
// calls the iterator and allocates its result object. Over the 539-draft benchmark corpus that was
// ~30 MB of the ~180 MB a cold pass allocates, and the rewrite makes a cold pass ~5 % faster.
// Optimised code (the language server once warm) is unaffected: it compiles both loops alike.
//
// The two loops are equivalent for arrays: the array iterator also reads `length` before each step
// (elements pushed during the loop are visited, holes read as undefined), `const`/`let` bindings are
// fresh per iteration in both, and the original body keeps its own block (shadowing stays legal).
// Strings (for-of walks code points), Maps, Sets, iterators, `for await` and `var` loops are left
// alone, as is any loop whose expression is not an array type in every union member.
//
// Tests run the TypeScript output (out/), the shipped bundles run this rewrite: `test/unit/cli.test.ts`
// checks that the bundled CLI reports byte for byte what the in-process engine reports over every
// fixture and shared draft.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {import('esbuild').Plugin} */
export function arrayLoops(root) {
  /** @type {{ program: import('typescript').Program, ts: typeof import('typescript') } | undefined} */
  let state;
  const init = () => {
    if (state) return state;
    const ts = require('typescript');
    const configFile = path.join(root, 'server', 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    });
    state = { ts, program: ts.createProgram(config.fileNames, config.options) };
    return state;
  };
  const source = path.join(root, 'server', 'src') + path.sep;
  return {
    name: 'array-loops',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(source)) return undefined;
        const { ts, program } = init();
        const file = program.getSourceFile(args.path);
        if (!file) return undefined;
        const text = rewriteArrayLoops(ts, program.getTypeChecker(), file);
        return text === undefined ? undefined : { contents: text, loader: 'ts' };
      });
    },
  };
}

/** The file's text with its array for-of loops rewritten, or undefined when it has none. */
export function rewriteArrayLoops(ts, checker, file) {
  const isArrayType = (t) => (t.isUnion() ? t.types.every(isArrayType) : checker.isArrayType(t) || checker.isTupleType(t));
  let rewritten = 0;
  const transformer = (context) => (root) => {
    const f = context.factory;
    const visit = (node) => {
      if (
        ts.isForOfStatement(node) &&
        !node.awaitModifier &&
        ts.isVariableDeclarationList(node.initializer) &&
        node.initializer.declarations.length === 1 &&
        (node.initializer.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0 &&
        isArrayType(checker.getTypeAtLocation(node.expression))
      ) {
        rewritten++;
        const array = f.createUniqueName('array');
        const index = f.createUniqueName('index');
        const declaration = node.initializer.declarations[0];
        const kind = node.initializer.flags & ts.NodeFlags.Let ? ts.NodeFlags.Let : ts.NodeFlags.Const;
        const element = f.createVariableStatement(undefined, f.createVariableDeclarationList(
          [f.createVariableDeclaration(declaration.name, undefined, undefined, f.createElementAccessExpression(array, index))],
          kind,
        ));
        return f.createForStatement(
          f.createVariableDeclarationList([
            f.createVariableDeclaration(index, undefined, undefined, f.createNumericLiteral(0)),
            f.createVariableDeclaration(array, undefined, undefined, ts.visitNode(node.expression, visit)),
          ], ts.NodeFlags.Let),
          f.createLessThan(index, f.createPropertyAccessExpression(array, 'length')),
          f.createPostfixIncrement(index),
          f.createBlock([element, ts.visitNode(node.statement, visit)], true),
        );
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(root, visit);
  };
  const result = ts.transform(file, [transformer]);
  try {
    return rewritten === 0 ? undefined : ts.createPrinter().printFile(result.transformed[0]);
  } finally {
    result.dispose();
  }
}

// `node scripts/arrayLoops.mjs <file.ts>` prints the rewritten file (to look at what the bundle gets).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname) && process.argv[2]) {
  const root = path.resolve(import.meta.dirname, '..');
  const ts = require('typescript');
  const target = path.resolve(process.argv[2]);
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'server', 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(config.fileNames, config.options);
  const file = program.getSourceFile(target);
  if (!file) throw new Error(`${target} is not part of server/tsconfig.json`);
  process.stdout.write(rewriteArrayLoops(ts, program.getTypeChecker(), file) ?? fs.readFileSync(target, 'utf8'));
}
