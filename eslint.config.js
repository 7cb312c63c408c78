// Lint rules, including the folder dependency rules of docs/architecture.md:
// each folder under src/ may import only the folders listed for it, and only
// through their index.ts (their public surface).
import tseslint from 'typescript-eslint';

// Folders whose sub-folders are public entry points too (spec/docker/index.js,
// spec/reference/index.js, ...), so that a light importer such as the CLI
// loads one format without the others (the OCI zod schemas).
const subEntryPoints = ['spec'];

const folders = {
  common: [],
  sys: ['common'],
  spec: ['common'],
  storage: ['common', 'sys', 'spec'],
  images: ['common', 'spec', 'storage'],
  runtime: ['common', 'sys', 'spec', 'storage'],
  network: ['common', 'sys', 'spec', 'storage'],
  volumes: ['common', 'sys', 'spec', 'storage'],
  build: ['common', 'spec', 'storage', 'images'],
  registry: ['common', 'spec', 'storage', 'images'],
  engine: ['common', 'sys', 'spec', 'storage', 'images', 'runtime', 'network', 'volumes', 'build', 'registry'],
  api: ['common', 'spec', 'engine'],
  client: ['common', 'spec'],
  cli: ['common', 'spec', 'client'],
  compose: ['common', 'spec', 'client'],
  kube: ['common', 'spec', 'client'],
  daemon: ['common', 'sys', 'spec', 'storage', 'images', 'runtime', 'network', 'volumes', 'build', 'registry', 'engine', 'api'],
};
const all = Object.keys(folders);

// Single entry points of a folder that another may use without the rest of
// it: the CLI sends build contexts with build/client (loaded only by
// `cais build`), never the builder; `cais registry` runs the registry
// server in its own process, without a daemon.
const partial = {
  cli: { build: ['client/index.js'], registry: ['server/index.js'] },
};

// Single files that may be imported past a folder's index.ts, for light
// importers: build/client (the CLI's `cais build`) writes tars with
// storage's tar writer without loading the database and the layer store
// (~30 ms).
const lightEntries = {
  storage: ['layers/tar-writer.js'],
};

function importRules(folder) {
  const allowed = folders[folder];
  const patterns = [];
  for (const other of all) {
    if (other === folder) continue;
    const entries = partial[folder]?.[other];
    if (entries) {
      const allowedEntries = entries.map((e) => e.replace(/[.]/g, '\\.')).join('|');
      patterns.push({
        regex: `(^|/)${other}(/(?!(${allowedEntries})$).*)?$`,
        message: `${folder}/ may use only ${entries.map((e) => `${other}/${e}`).join(', ')} of ${other}/ (see docs/architecture.md)`,
      });
    } else if (allowed.includes(other)) {
      if (subEntryPoints.includes(other)) {
        // A regex, as a glob cannot re-include a file below an excluded folder.
        patterns.push({
          regex: `(^|/)${other}/(?!index\\.js$|[^/]+/index\\.js$)`,
          message: `import ${other}/ through its index.js or one ${other}/<format>/index.js`,
        });
      } else if (lightEntries[other]) {
        const files = lightEntries[other].map((e) => `|${e.replace(/[.]/g, '\\.')}$`).join('');
        patterns.push({
          regex: `(^|/)${other}/(?!index\\.js$${files})`,
          message: `import ${other}/ through its index.js (its public surface) or ${lightEntries[other].join(', ')}`,
        });
      } else {
        patterns.push({
          group: [`**/${other}/**`, `!**/${other}/index.js`],
          message: `import ${other}/ through its index.js (its public surface)`,
        });
      }
    } else {
      patterns.push({
        group: [`**/${other}`, `**/${other}/**`],
        message: `${folder}/ may not depend on ${other}/ (see docs/architecture.md)`,
      });
    }
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'native/build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  ...all.map((folder) => ({ files: [`src/${folder}/**/*.ts`], rules: importRules(folder) })),
);
