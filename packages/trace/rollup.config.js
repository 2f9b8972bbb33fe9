import { defineBuild } from '@aio/rollup-config';

export default defineBuild({
  input: { index: 'src/index.ts', otel: 'src/otel/index.ts', node: 'src/node/index.ts' },
});
