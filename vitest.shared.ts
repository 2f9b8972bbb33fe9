// Shared by every package's vitest project config.
//
// `@aio/source` is the export condition that points each workspace package at its
// `src/index.ts`, so tests run against the sources without building first. The rest
// are Vite's default server conditions, which an explicit list replaces.
const conditions = ['@aio/source', 'module', 'node', 'development|production'];

/** Resolve workspace packages to their TypeScript sources in tests. */
export const sourceResolve = {
  resolve: { conditions },
  ssr: { resolve: { conditions } },
};
